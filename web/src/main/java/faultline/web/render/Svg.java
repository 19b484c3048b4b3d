package faultline.web.render;

import faultline.framework.trace.SequenceChart;
import java.util.Locale;

/** Escaping and number formatting shared by the SVG writers. */
final class Svg {

    private Svg() {
    }

    /** Escapes text for SVG: the message-sequence chart's own escaping, so both drawings treat text alike. */
    static String text(String s) {
        return SequenceChart.text(s);
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
