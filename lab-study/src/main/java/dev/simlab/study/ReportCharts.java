package dev.simlab.study;

import dev.simlab.study.stats.Estimate;
import dev.simlab.study.stats.PerformanceProfile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's plots, drawn with XChart into 800×500 PNGs: white background, axis titles with
 * units, legends below the plot (never over the data), the same colour for a configuration in
 * every plot. XChart picks round tick values itself; labelled rows (intervals) sit at whole
 * numbers and their ticks are labelled with the names.
 */
final class ReportCharts {
    static final int WIDTH = 800, HEIGHT = 500;

    /** The share of a learning curve's x range left out when its y axis is fitted. */
    static final double EARLY = 0.1;

    /** Tableau's 10 colours: distinct for the colour-blind and in greyscale print. */
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207)};

    private static final Color GREY = new Color(170, 170, 170);

    private ReportCharts() {}

    /** One trial in an objective-versus-parameter plot: its x (a number, or a category's index) and whether it was pruned. */
    record Dot(double x, double objective, boolean pruned, boolean best) {}

    /**
     * The objective against one searched parameter, one dot per trial: completed trials in blue,
     * pruned ones in grey, the best one in orange. {@code categories} names the x positions of a
     * non-numeric parameter (null for a numeric one).
     */
    static void scatter(Path file, String key, boolean log, List<String> categories, List<Dot> dots, String objective) throws IOException {
        XYChart c = chart("objective by " + key + " (one point per trial)", key + (log ? " (log scale)" : ""), objective);
        double[] ys = dots.stream().mapToDouble(Dot::objective).toArray();
        double[] xs = dots.stream().mapToDouble(Dot::x).toArray();
        if (categories != null) {
            categoryAxis(c, categories, true, ys[0]);
            // at category 0: leaves the x positions as they are
            hidden(c, new double[3], spread(ys));
        } else {
            hidden(c, spread(xs), spread(ys));
        }
        add(c, "completed", dots.stream().filter(d -> !d.pruned() && !d.best()).toList(), PALETTE[0], SeriesMarkers.CIRCLE);
        add(c, "pruned", dots.stream().filter(Dot::pruned).toList(), GREY, SeriesMarkers.DIAMOND);
        add(c, "best", dots.stream().filter(Dot::best).toList(), PALETTE[1], SeriesMarkers.SQUARE);
        if (log) {
            c.getStyler().setXAxisLogarithmic(true);
            // XChart's log axis labels powers of ten only: a range inside one decade would have none
            double lo = dots.stream().mapToDouble(Dot::x).min().orElse(1), hi = dots.stream().mapToDouble(Dot::x).max().orElse(10);
            double min = Math.pow(10, Math.floor(Math.log10(lo))), max = Math.pow(10, Math.ceil(Math.log10(hi)));
            c.getStyler().setXAxisMin(min);
            c.getStyler().setXAxisMax(max > min ? max : 10 * min);
            // plain decimals (0.0001, 0.001, 0.01) unless they would get long; XChart mixes 1E-4 with 0.001
            c.getStyler().setXAxisDecimalPattern(min >= 1e-6 && max <= 1e6 ? "0.######" : "0E0");
        }
        save(c, file);
    }

    private static void add(XYChart c, String name, List<Dot> dots, Color color, org.knowm.xchart.style.markers.Marker marker) {
        if (dots.isEmpty()) return;
        XYSeries s = c.addSeries(name, dots.stream().mapToDouble(Dot::x).toArray(), dots.stream().mapToDouble(Dot::objective).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    /** Mean learning curves with their 95% bands, one colour per configuration. */
    static void curves(Path file, List<LearningCurves.Curve> curves, List<String> names, List<Integer> colours, LearningCurves.Axes axes) throws IOException {
        // one seed count for all goes in the title, keeping the legend short enough for one line
        boolean sameSeeds = curves.stream().mapToInt(LearningCurves.Curve::seeds).distinct().count() == 1;
        XYChart c = chart("learning curves: mean over " + (sameSeeds ? curves.get(0).seeds() + " " : "") + "seeds, 95% bootstrap band",
                axes.xTitle(), axes.yTitle());
        List<double[]> xs = new ArrayList<>();
        for (LearningCurves.Curve k : curves) xs.add(k.x());
        double[] allX = concat(xs);
        double x0 = Arrays.stream(allX).min().orElse(0), x1 = Arrays.stream(allX).max().orElse(1);
        // the y range of the last 90% of training: the first few episodes' returns (a cliff
        // walk's -1,700) would otherwise flatten the curves to lines where they differ
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (LearningCurves.Curve k : curves) {
            for (int j = 0; j < k.x().length; j++) {
                if (k.x()[j] < x0 + EARLY * (x1 - x0) && k.x().length > 10) continue;
                lo = Math.min(lo, k.low()[j]);
                hi = Math.max(hi, k.high()[j]);
            }
        }
        if (!(hi > lo)) {
            lo -= 1;
            hi += 1;
        }
        double pad = 0.06 * (hi - lo);
        hidden(c, spread(allX), spread(new double[] {lo - pad, hi + pad}));
        c.getStyler().setYAxisMin(lo - pad);
        c.getStyler().setYAxisMax(hi + pad);
        for (int i = 0; i < curves.size(); i++) {
            LearningCurves.Curve k = curves.get(i);
            Color col = PALETTE[colours.get(i) % PALETTE.length];
            band(c, "band " + i, k.x(), k.low(), k.high(), col);
            XYSeries s = c.addSeries(sameSeeds ? names.get(i) : names.get(i) + " (" + k.seeds() + " seeds)", k.x(), k.mean());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(col);
            s.setLineWidth(2f);
        }
        save(c, file);
    }

    /**
     * Performance profiles: for each configuration the fraction of its seeds scoring above τ (or
     * below, for a {@code min} objective; the profiles come oriented as computed), with bands.
     */
    static void profiles(Path file, List<String> names, List<List<PerformanceProfile.Point>> profiles, List<Integer> colours, boolean maximise,
                         String objective) throws IOException {
        XYChart c = chart("performance profiles, 95% bootstrap bands", "τ: " + objective,
                "fraction of seeds with objective " + (maximise ? "> τ" : "< τ"));
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        double sign = maximise ? 1 : -1;
        List<double[]> taus = new ArrayList<>();
        for (List<PerformanceProfile.Point> p : profiles) taus.add(p.stream().mapToDouble(q -> sign * q.tau()).toArray());
        hidden(c, spread(concat(taus)), spread(new double[] {0, 1}));
        for (int i = 0; i < names.size(); i++) {
            List<PerformanceProfile.Point> p = profiles.get(i);
            double[] tau = new double[p.size()], f = new double[p.size()], lo = new double[p.size()], hi = new double[p.size()];
            for (int j = 0; j < tau.length; j++) {
                // profiles of a min objective were computed on negated scores and thresholds
                int at = maximise ? j : tau.length - 1 - j;
                tau[j] = sign * p.get(at).tau();
                f[j] = p.get(at).fraction().value();
                lo[j] = p.get(at).fraction().ciLow();
                hi[j] = p.get(at).fraction().ciHigh();
            }
            Color col = PALETTE[colours.get(i) % PALETTE.length];
            band(c, "band " + i, tau, lo, hi, col);
            XYSeries s = c.addSeries(names.get(i), tau, f);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(col);
            s.setLineWidth(2f);
        }
        save(c, file);
    }

    /**
     * Interval estimates, one labelled row each (rliable's interval plot): a bar over the 95% CI
     * and a dark tick at the value. {@code reference} draws a dashed vertical line (0.5 for
     * probabilities of improvement), or none when NaN.
     */
    static void intervals(Path file, String title, String xTitle, List<String> labels, List<Estimate> estimates, List<Integer> colours,
                          double reference, Double xMin, Double xMax) throws IOException {
        XYChart c = chart(title, xTitle, "");
        var st = c.getStyler();
        st.setLegendVisible(false);
        st.setYAxisTitleVisible(false);
        // rows are named by a label over each bar, across the plot, rather than by y tick labels
        // that would squeeze the plot and be cut off when names are long
        st.setYAxisTicksVisible(false);
        st.setPlotGridHorizontalLinesVisible(false);
        int n = labels.size();
        double lo = xMin != null ? xMin : estimates.stream().mapToDouble(Estimate::ciLow).min().orElse(0);
        double hi = xMax != null ? xMax : estimates.stream().mapToDouble(Estimate::ciHigh).max().orElse(1);
        hidden(c, spread(new double[] {lo, hi}), new double[] {0, 0, 0});
        st.setYAxisMin(-0.6);
        st.setYAxisMax(n - 1 + 0.8);
        double rowPixels = (HEIGHT - 140) / (n + 0.4);
        float bar = (float) Math.max(5, Math.min(26, 0.3 * rowPixels));
        // the label's centre sits just clear of the bar's top edge
        double labelAbove = Math.min(0.45, (bar / 2 + 10) / rowPixels);
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, n > 10 ? 11 : 13));
        st.setAnnotationTextFontColor(Color.BLACK);
        for (int i = 0; i < n; i++) {
            // the first row at the top, as a table reads
            double y = n - 1 - i;
            Estimate e = estimates.get(i);
            Color col = PALETTE[colours.get(i) % PALETTE.length];
            XYSeries s = c.addSeries("ci " + i, new double[] {e.ciLow(), e.ciHigh()}, new double[] {y, y});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 150));
            s.setLineStyle(new BasicStroke(bar, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            // a zero-width interval (every seed agreed) draws no bar, but its value still shows
            XYSeries v = c.addSeries("value " + i, new double[] {e.value()}, new double[] {y});
            v.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            v.setMarker(SeriesMarkers.DIAMOND);
            v.setMarkerColor(col.darker().darker());
            c.addAnnotation(new AnnotationText(labels.get(i) + String.format(Locale.ROOT, ":  %.3g  [%.3g, %.3g]", e.value(), e.ciLow(), e.ciHigh()),
                    (lo + hi) / 2, y + labelAbove, false));
        }
        if (xMin != null) st.setXAxisMin(xMin);
        if (xMax != null) st.setXAxisMax(xMax);
        if (!Double.isNaN(reference)) c.addAnnotation(new AnnotationLine(reference, true, false));
        st.setAnnotationLineColor(Color.DARK_GRAY);
        st.setAnnotationLineStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        save(c, file);
    }

    /** A translucent band between {@code low} and {@code high}, kept out of the legend. */
    private static void band(XYChart c, String name, double[] x, double[] low, double[] high, Color col) {
        int n = x.length;
        double[] px = new double[2 * n], py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = high[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = low[i];
        }
        XYSeries s = c.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 55));
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setShowInLegend(false);
    }

    /**
     * Names the whole-number positions 0, 1, … of an axis. XChart puts ticks at the data's own
     * values when those are equally spaced, so a hidden first series with one point at each
     * position makes exactly one tick per name ({@code other} is the points' other coordinate).
     * The axis keeps XChart's own bounds: a bound between two positions would break the spacing.
     */
    private static void categoryAxis(XYChart c, List<String> names, boolean x, double other) {
        double[] at = new double[names.size()], o = new double[names.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = i;
            o[i] = other;
        }
        hidden(c, x ? at : o, x ? o : at);
        java.util.function.Function<Double, String> f = v -> {
            int i = (int) Math.rint(v);
            return i >= 0 && i < names.size() ? names.get(i) : "";
        };
        if (x) c.setCustomXAxisTickLabelsFormatter(f);
        else c.setCustomYAxisTickLabelsFormatter(f);
    }

    /**
     * Three points spanning {@code v}'s range, unevenly, for a hidden series that gives round tick
     * values (0, 20, 40 rather than 1, 6, 11…): XChart puts ticks only at the data's own values
     * when the axis minimum followed by the data values (in series order) are equally spaced, as a
     * learning curve's grid is. Added as the first series, these break that pattern.
     */
    private static double[] spread(double[] v) {
        double lo = Arrays.stream(v).min().orElse(0), hi = Arrays.stream(v).max().orElse(1);
        return new double[] {lo, lo + 0.31 * (hi - lo), hi};
    }

    private static void hidden(XYChart c, double[] x, double[] y) {
        XYSeries s = c.addSeries("hidden " + c.getSeriesMap().size(), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart c = new XYChart(WIDTH, HEIGHT);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setMarkerSize(8);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setLocale(Locale.ROOT);
        // a little sparser than XChart's default: ten-odd labels on an 800-pixel axis, not fifteen
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        return c;
    }

    /** Long names (scenario paths) would squeeze the plot: the last 32 characters say enough. */
    static String label(String name) {
        return name.length() <= 32 ? name : "…" + name.substring(name.length() - 31);
    }

    /**
     * The names a plot shows: what all of them share at the start (up to a '-', '_' or '/', as in
     * cliff-walking-sarsa, cliff-walking-qlearning) is left out, then long names are cut by
     * {@link #label}. Names that would be left empty or the same are kept whole.
     */
    static List<String> shortNames(List<String> names) {
        int cut = 0;
        if (names.size() >= 2) {
            String first = names.get(0);
            int common = first.length();
            for (String n : names) {
                int k = 0;
                while (k < Math.min(common, n.length()) && n.charAt(k) == first.charAt(k)) k++;
                common = k;
            }
            for (int k = common - 1; k >= 0; k--) {
                char ch = first.charAt(k);
                if (ch == '-' || ch == '_' || ch == '/') {
                    cut = k + 1;
                    break;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String s = n.substring(cut);
            out.add(label(s.isEmpty() ? n : s));
        }
        return out.stream().distinct().count() == out.size() ? out : names.stream().map(ReportCharts::label).toList();
    }

    private static void save(XYChart c, Path file) throws IOException {
        Files.write(file, BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
    }
}
