package faultline.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** A trace's whole-chart page in the browser, read as a student reads it: lanes, labels, search, download. */
final class ChartPage {

    private static final Pattern PREVIEW_LANES = Pattern.compile("Only the events of (.+?), the nodes? the failure names");

    private final ChromeDriver driver;
    private WebElement box;

    /** The chart page open in {@code driver}, whose scrolling box is {@code box} ({@code #trace-chart}). */
    ChartPage(ChromeDriver driver, WebElement box) {
        this.driver = driver;
        this.box = box;
    }

    /** The lanes a preview's SVG says it keeps, from its note "Only the events of p0, p3, the nodes the failure names". */
    static List<String> previewLanes(String svg) {
        Matcher m = PREVIEW_LANES.matcher(svg);
        return m.find() ? List.of(m.group(1).split(", ")) : List.of();
    }

    /** The pinned lane heads' names, left to right. */
    @SuppressWarnings("unchecked")
    List<String> heads() {
        return new ArrayList<>((List<String>) driver.executeScript("return Array.from(document"
                + ".querySelectorAll('#trace-heads text.lane-pin')).map(t => t.textContent)"));
    }

    /** Whether the pinned lane heads sit at the top of the chart's box, in view, at its current scroll position. */
    boolean headsPinned() {
        return (Boolean) driver.executeScript("var b = arguments[0].getBoundingClientRect();"
                + " var h = document.getElementById('trace-heads').getBoundingClientRect();"
                + " return h.height > 20 && Math.abs(h.top - b.top) < 3;", box);
    }

    /** Whether the chart fits its box's width: no lifeline is cut off to the right. */
    boolean fitsItsBox() {
        return (Boolean) driver.executeScript("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1", box);
    }

    /** The box's scrolling and visible widths, for a failure message. */
    String widths() {
        return "scrollWidth " + driver.executeScript("return arguments[0].scrollWidth + ', clientWidth '"
                + " + arguments[0].clientWidth", box);
    }

    /** Scrolls the box vertically to {@code at}, a script expression over {@code arguments[0]}, the box. */
    void scrollTo(String at) {
        driver.executeScript("arguments[0].scrollTop = " + at, box);
    }

    /**
     * Clicks the first message label whose whole text (its tooltip) starts with {@code prefix} and holds
     * {@code part}, and returns the whole text the page then shows.
     */
    String wholeLabelOf(String prefix, String part) {
        WebElement label = driver.findElement(By.xpath("//*[local-name()='text'][@class='label'][*[local-name()="
                + "'title' and starts-with(text(), '" + prefix + "') and contains(text(), '" + part + "')]]"));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", label);
        driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", label);
        return driver.findElement(By.id("trace-label")).getText();
    }

    /** Searches the trace for {@code text} and waits until the match is drawn inside the box's view. */
    void find(String text) {
        WebElement field = driver.findElement(By.id("trace-find"));
        field.clear();
        field.sendKeys(text);
        driver.findElement(By.id("trace-apply")).click();
        EndToEnd.await(driver, "the match of \u201c" + text + "\u201d", d -> !d.findElements(By.id("found")).isEmpty());
        box = driver.findElement(By.id("trace-chart"));
        WebElement shown = box;
        EndToEnd.await(driver, Duration.ofSeconds(30), "the match of \u201c" + text + "\u201d scrolled into view",
                d -> (Boolean) ((ChromeDriver) d).executeScript("var b = arguments[0].getBoundingClientRect();"
                        + " var f = document.getElementById('found').getBoundingClientRect();"
                        + " return f.top >= b.top && f.bottom <= b.bottom;", shown));
    }

    /** Whether the search's match is drawn inside the browser's window (the page scrolled to it). */
    boolean matchInWindow() {
        return (Boolean) driver.executeScript("var f = document.getElementById('found').getBoundingClientRect();"
                + " return f.top >= 0 && f.bottom <= window.innerHeight;");
    }

    /** The download link's answer: its Content-Disposition header, a line break, then the body. */
    String download() {
        String href = driver.findElement(By.id("trace-download")).getAttribute("href");
        return (String) driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then(r => r.text().then(t => done(r.headers.get('Content-Disposition')"
                + " + '\\n' + t)));", href);
    }
}
