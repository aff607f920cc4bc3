package dev.runstatus.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.schema.Family;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded, realistic stream of documents: four run results to one auth-session result, every status
 * of both families, extended payloads, errors and reasons in wire form, and a share of invalid ones.
 * The same seed always gives the same documents.
 */
public final class SyntheticDocuments {

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final String[] RUN_STATUSES = {"completed", "completed", "completed", "completed", "started", "started",
            "pending", "failed", "failed", "canceled"};
    private static final String[] AUTH_STATUSES = {"done", "done", "in_progress", "pending", "failed", "canceled"};
    private static final String[] ERROR_CODES = {"script-timeout", "script-process-crashed", "api-attempts-failed",
            "result-too-big-error", "auth-check-failed", "internal-server-error"};
    private static final String[] CATEGORIES = {"infrastructure", "execution", "auth", "user", "billing"};
    private static final String[] REASONS = {"terminated", "job-run-terminated", "job-run-paused",
            "auth-session-validate-dependency-failed", "api-access-disabled"};
    private static final String[] PRODUCTS = {"Café au lait mug", "東京 travel guide", "Trail running shoes", "USB-C hub 7-in-1",
            "Espresso beans 1 kg", "Noise-cancelling headphones", "Wool socks (3 pairs)", "Cast-iron skillet 28 cm"};

    /** The families it writes documents of: those of the API's reference pages. */
    public static final List<Family> FAMILIES = List.of(Family.RUN_RESULT, Family.AUTH_SESSION_RESULT);

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final double invalidShare;

    public SyntheticDocuments(long seed, double invalidShare) {
        this.random = new Random(seed);
        this.invalidShare = invalidShare;
    }

    public SyntheticDocument next() {
        boolean run = random.nextInt(5) != 0;
        ObjectNode document = run ? runResult() : authSessionResult();
        Family family = run ? Family.RUN_RESULT : Family.AUTH_SESSION_RESULT;
        byte[] key = (run ? document.get("runId").asText() : "op-" + id()).getBytes(StandardCharsets.UTF_8);
        if (random.nextDouble() < invalidShare) {
            return new SyntheticDocument(family, key, InvalidDocuments.corrupt(document, random), false);
        }
        return new SyntheticDocument(family, key, document.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private ObjectNode runResult() {
        ObjectNode run = json.createObjectNode().put("runId", id());
        String status = pick(RUN_STATUSES);
        run.put("status", status);
        switch (status) {
            case "completed" -> {
                run.set("result", scrapedPage());
                ArrayNode payloads = run.putArray("extendedPayloads");
                for (int i = random.nextInt(4); i > 0; i--) {
                    ObjectNode payload = payloads.addObject().put("api", "products/details");
                    payload.putObject("parameters").put("url", "https://shop.example/p/" + random.nextInt(100_000))
                            .put("depth", random.nextInt(3)).put("includeReviews", random.nextBoolean());
                }
            }
            case "started" -> run.set("result", scrapedPage());
            case "failed" -> run.put("message", "run failed").set("error", error());
            case "canceled" -> run.put("message", "run canceled").set("reason", reason());
            default -> {
            }
        }
        return run;
    }

    private ObjectNode authSessionResult() {
        String status = pick(AUTH_STATUSES);
        ObjectNode auth = json.createObjectNode().put("status", status);
        switch (status) {
            case "done" -> auth.put("authSessionId", "as_" + id());
            case "in_progress" -> auth.put("runId", id());
            case "failed" -> auth.put("message", "could not create the auth session").set("error", error());
            case "canceled" -> auth.put("message", "auth session creation canceled").set("reason", reason());
            default -> {
            }
        }
        return auth;
    }

    private ObjectNode scrapedPage() {
        ObjectNode page = json.createObjectNode();
        ArrayNode items = page.putArray("items");
        for (int i = 3 + random.nextInt(6); i > 0; i--) {
            items.addObject().put("title", pick(PRODUCTS)).put("price", random.nextInt(50_000) / 100.0)
                    .put("currency", random.nextBoolean() ? "EUR" : "USD").put("inStock", random.nextBoolean())
                    .put("sku", "SKU-" + random.nextInt(1_000_000))
                    .put("url", "https://shop.example/p/" + random.nextInt(100_000) + "?ref=listing&page=" + random.nextInt(20));
        }
        page.putObject("page").put("number", 1 + random.nextInt(20)).put("hasNext", random.nextBoolean());
        return page.put("scrapedAt", "2026-11-" + (10 + random.nextInt(18)) + "T09:14:03.512Z");
    }

    private ObjectNode error() {
        ObjectNode error = json.createObjectNode().put("message", "The API script did not finish")
                .put("code", pick(ERROR_CODES)).put("category", pick(CATEGORIES)).put("retirable", random.nextBoolean())
                .put("doc_url", "https://docs.example/errors#run-execution-error").put("correlation_id", id());
        ObjectNode details = error.putObject("details").put("attempt", 1 + random.nextInt(3)).put("lastStep", "page.goto");
        ArrayNode log = details.putArray("log");
        for (int i = 2 + random.nextInt(6); i > 0; i--) {
            log.add("2026-11-20T09:14:0" + i + ".512Z navigation to https://shop.example/p/" + random.nextInt(100_000)
                    + " timed out after " + (5 + random.nextInt(25)) + "000 ms waiting for selector '#product-list'");
        }
        return error;
    }

    private ObjectNode reason() {
        return json.createObjectNode().put("type", pick(REASONS)).put("message", "ended before completing")
                .put("doc_url", "https://docs.example/reasons#terminated");
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String id() {
        StringBuilder id = new StringBuilder(21);
        for (int i = 0; i < 21; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
