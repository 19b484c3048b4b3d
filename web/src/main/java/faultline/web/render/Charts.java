package faultline.web.render;

import java.util.List;

/** Small server-side SVG charts for the staff statistics page: a histogram and horizontal bars. */
public final class Charts {

    private Charts() {
    }

    /** Bars of counts over labelled bins. */
    public static String histogram(String title, List<String> bins, List<Integer> counts) {
        int max = Math.max(1, counts.stream().mapToInt(Integer::intValue).max().orElse(1));
        int barW = 44;
        int h = 180;
        int width = 50 + bins.size() * barW + 20;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(h + 60).append("\" width=\"").append(width)
                .append("\" font-family=\"sans-serif\" font-size=\"11\"><title>").append(Svg.text(title))
                .append("</title>");
        for (int i = 0; i < bins.size(); i++) {
            int c = counts.get(i);
            double bh = (double) c / max * h;
            double x = 50 + i * barW;
            s.append("<rect x=\"").append(Svg.n(x + 4)).append("\" y=\"").append(Svg.n(20 + h - bh))
                    .append("\" width=\"").append(barW - 8).append("\" height=\"").append(Svg.n(bh))
                    .append("\" fill=\"#4f46e5\"><title>").append(Svg.text(bins.get(i) + ": " + c)).append("</title></rect>");
            s.append("<text x=\"").append(Svg.n(x + barW / 2.0)).append("\" y=\"").append(Svg.n(16 + h - bh))
                    .append("\" text-anchor=\"middle\">").append(c).append("</text>");
            s.append("<text x=\"").append(Svg.n(x + barW / 2.0)).append("\" y=\"").append(h + 36)
                    .append("\" text-anchor=\"middle\">").append(Svg.text(bins.get(i))).append("</text>");
        }
        s.append("<line x1=\"50\" y1=\"").append(20 + h).append("\" x2=\"").append(width - 10).append("\" y2=\"")
                .append(20 + h).append("\" stroke=\"#334155\"/></svg>");
        return s.toString();
    }

    /** One horizontal bar per label, each a fraction 0..1 shown as a percentage. */
    public static String fractions(String title, List<String> labels, List<Double> fractions) {
        int rowH = 22;
        int width = 640;
        int labelW = 260;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(labels.size() * rowH + 10).append("\" width=\"100%\" "
                        + "font-family=\"sans-serif\" font-size=\"11\"><title>").append(Svg.text(title)).append("</title>");
        for (int i = 0; i < labels.size(); i++) {
            double f = Math.max(0, Math.min(1, fractions.get(i)));
            int y = 5 + i * rowH;
            s.append("<text x=\"0\" y=\"").append(y + 14).append("\">").append(Svg.text(Svg.clip(labels.get(i), 40)))
                    .append("</text>");
            s.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(width - labelW - 60).append("\" height=\"16\" fill=\"#e2e8f0\"/>");
            s.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(Svg.n(f * (width - labelW - 60))).append("\" height=\"16\" fill=\"")
                    .append(f >= 0.8 ? "#16a34a" : f >= 0.5 ? "#ca8a04" : "#dc2626").append("\"/>");
            s.append("<text x=\"").append(width - 52).append("\" y=\"").append(y + 14).append("\">")
                    .append(Math.round(f * 100)).append("%</text>");
        }
        s.append("</svg>");
        return s.toString();
    }
}
