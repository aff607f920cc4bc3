package dev.runstatus.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a pipeline's Prometheus endpoint, read as a test would: series and their values. */
record Scrape(Map<String, Double> series, Set<String> metricNames, String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Scrape of(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, "/metrics");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("scrape answered " + response.statusCode());
        }
        Map<String, Double> series = new TreeMap<>();
        Set<String> names = new HashSet<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                names.add(sample.group(1));
                series.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3)));
            }
        }
        return new Scrape(series, names, response.body());
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of the series of {@code name} whose labels include every one of {@code labels}; 0 when none. */
    double value(String name, Map<String, String> labels) {
        return series.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(name + "{") && labels.entrySet().stream()
                        .allMatch(label -> entry.getKey().contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** The sum of the series of {@code name} whose labels include {@code label="value"}; 0 when none. */
    double value(String name, String label, String value) {
        String wanted = label + "=\"" + value + "\"";
        return series.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(name + "{") && entry.getKey().contains(wanted))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }
}
