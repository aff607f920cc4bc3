package dev.runstatus.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard's PromQL queries, and the metric names they read. */
public final class DashboardQueries {

    public static final Path FILE = Path.of("k8s", "base", "grafana", "runstatus-dashboard.json");

    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern STRINGS = Pattern.compile("\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "rate", "irate", "increase",
            "topk", "bottomk", "histogram_quantile", "label_values", "by", "without", "bool", "and", "or", "unless",
            "clamp_min", "clamp_max", "abs", "delta", "deriv", "avg_over_time", "max_over_time", "min_over_time",
            "sum_over_time", "last_over_time", "offset", "vector", "scalar", "time", "absent", "sort", "sort_desc",
            "quantile", "count_values", "group", "stddev", "stdvar", "label_replace", "ceil", "floor", "round", "inf", "nan");

    private DashboardQueries() {
    }

    /** Every panel query, nested rows included. */
    public static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        collect(dashboard.path("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
            collect(panel.path("panels"), expressions);
        }
    }

    /** The metric names a query reads: what is left once labels, groupings, ranges and PromQL's own words are gone. */
    public static Set<String> metricNames(String expression) {
        String stripped = STRINGS.matcher(expression).replaceAll(" ");
        stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        stripped = RANGES.matcher(stripped).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String word = identifier.group();
            if (!PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }
}
