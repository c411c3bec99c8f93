package io.hypernf.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks with JMH's gc profiler and prints one table: NF, batch, Mpps, bytes
 * allocated per packet, ratio to the C loop at the same batch size, ratio to testpmd. Used by
 * {@code bench/run}, which measures the C loop and testpmd first and passes their figures:
 *
 * <pre>
 * java -cp benchmarks.jar io.hypernf.bench.BenchTable [--quick] [--c FILE] [--testpmd-mpps X]
 *      [--include REGEX] [--out FILE]
 * </pre>
 * {@code --c} names a file of {@code batch Mpps [CPU-ns/packet]} lines ({@code bench/c-ref/macswap}'s output);
 * {@code --quick} runs each case for about a second (a smoke run: figures are not meaningful).
 * Exits 1 when a benchmark failed to run, 2 on bad arguments.
 */
public final class BenchTable {
    private static final String GC_NORM = "gc.alloc.rate.norm";

    private BenchTable() {}

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path cFile = null;
        double testpmd = Double.NaN;
        String include = "io\\.hypernf\\.bench\\..*Benchmark";
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--c" -> { cFile = Path.of(need(value, "--c")); i++; }
                case "--testpmd-mpps" -> { testpmd = parse(need(value, "--testpmd-mpps"), "--testpmd-mpps"); i++; }
                case "--include" -> { include = need(value, "--include"); i++; }
                case "--out" -> { out = Path.of(need(value, "--out")); i++; }
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        Map<Integer, Double> c = cFile == null ? Map.of() : readC(cFile);

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .addProfiler(GCProfiler.class)
                .forks(1)
                .timeUnit(TimeUnit.SECONDS)
                .shouldFailOnError(true);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(500));
        } else {
            options.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(4).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            System.err.println("bench: JMH failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        List<String> rows = new ArrayList<>();
        rows.add("| NF | batch | Mpps | B/packet | ratio to C | ratio to testpmd |");
        rows.add("|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<Integer, Double> e : c.entrySet()) {
            rows.add(row("C loop (bench/c-ref/macswap.c)", e.getKey(), e.getValue(), Double.NaN, 1.0, e.getValue() / testpmd));
        }
        if (!Double.isNaN(testpmd)) {
            rows.add(row("DPDK testpmd macswap, net_null (burst 32)", 32, testpmd, Double.NaN, Double.NaN, 1.0));
        }
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            // Benchmarks of one piece outside the runtime (the rule classifier) have no batch: 0, shown as "-".
            String batchParam = params.getParam("batch");
            int batch = batchParam == null ? 0 : Integer.parseInt(batchParam);
            double mpps = result.getPrimaryResult().getScore() / 1e6;
            Result<?> gc = result.getSecondaryResults().get(GC_NORM);
            double bytes = gc == null ? Double.NaN : gc.getScore();
            Double cMpps = c.get(batch);
            rows.add(row(label(params), batch, mpps, bytes, cMpps == null ? Double.NaN : mpps / cMpps, mpps / testpmd));
        }
        if (results.isEmpty()) {
            System.err.println("bench: no benchmark matched '" + include + "'");
            System.exit(1);
        }
        PrintStream stdout = System.out;
        stdout.println();
        rows.forEach(stdout::println);
        if (out != null) {
            Files.write(out, rows, StandardCharsets.UTF_8);
        }
    }

    /** "firewall (rules=1000)": the benchmark's short name and its parameters other than batch. */
    private static String label(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String name = benchmark.substring(0, benchmark.lastIndexOf('.'));
        name = name.substring(name.lastIndexOf('.') + 1).replace("Benchmark", "");
        StringBuilder extra = new StringBuilder();
        for (String key : params.getParamsKeys()) {
            if (!key.equals("batch")) {
                extra.append(extra.length() == 0 ? " (" : ", ").append(key).append('=').append(params.getParam(key));
            }
        }
        return name + (extra.length() == 0 ? "" : extra + ")");
    }

    private static String row(String nf, int batch, double mpps, double bytes, double toC, double toTestpmd) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", nf, batch > 0 ? String.valueOf(batch) : "-", fmt(mpps, "%.2f"), fmt(bytes, "%.2f"),
                fmt(toC, "%.2f"), fmt(toTestpmd, "%.2f"));
    }

    private static String fmt(double value, String format) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    /** Lines "batch Mpps" as printed by macswap.c. */
    private static Map<Integer, Double> readC(Path file) throws IOException {
        Map<Integer, Double> c = new TreeMap<>();
        int line = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            String[] parts = text.trim().split("\\s+");
            if (parts.length < 2 || parts.length > 3) {
                usage(file + ":" + line + ": expected 'batch Mpps [CPU-ns/packet]', got '" + text + "'");
            }
            c.put((int) parse(parts[0], file + ":" + line + " batch"), parse(parts[1], file + ":" + line + " Mpps"));
        }
        return c;
    }

    private static double parse(String text, String what) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            usage(what + ": '" + text + "' is not a number");
            return Double.NaN;
        }
    }

    private static String need(String value, String option) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println("usage: BenchTable [--quick] [--c FILE] [--testpmd-mpps X] [--include REGEX] [--out FILE]");
        System.exit(2);
    }
}
