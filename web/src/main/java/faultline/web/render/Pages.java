package faultline.web.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page templates (Pebble, under {@code faultline/web/templates}), HTML-escaped by default; templates
 * get view-model records and read their accessors. Compiled templates are cached.
 */
public final class Pages {

    private final PebbleEngine engine;

    public Pages() {
        ClasspathLoader loader = new ClasspathLoader(Pages.class.getClassLoader());
        loader.setPrefix("faultline/web/templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).extension(new PageFilters()).strictVariables(false).build();
    }

    public String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter(8192);
        try {
            engine.getTemplate(template).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render page " + template, e);
        }
        return out.toString();
    }
}
