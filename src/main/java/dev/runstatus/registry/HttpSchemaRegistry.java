package dev.runstatus.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A Confluent-API schema registry reached over HTTP: Confluent, Apicurio (ccompat), Karapace, Redpanda. */
public final class HttpSchemaRegistry implements SchemaRegistry {

    private static final int CONFLICT = 409;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryHttp http;

    public HttpSchemaRegistry(RegistrySettings settings) {
        this.http = new RegistryHttp(settings);
    }

    @Override
    public int register(String subject, Schema schema) {
        try {
            return http.send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema)).get("id").asInt();
        } catch (RegistryException e) {
            // Instances that start together register the same schema at once; Apicurio answers all but the
            // first with 409 "already exists". If the schema is there now, the registration succeeded.
            if (e.status() == CONFLICT) {
                OptionalInt registered = lookup(subject, schema);
                if (registered.isPresent()) {
                    return registered.getAsInt();
                }
            }
            throw e;
        }
    }

    @Override
    public OptionalInt lookup(String subject, Schema schema) {
        try {
            return OptionalInt.of(http.send("POST", "/subjects/" + encode(subject), schemaBody(schema)).get("id").asInt());
        } catch (RegistryException e) {
            if (isNotFound(e)) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    @Override
    public Schema schemaById(int id) {
        return new Schema.Parser().parse(http.send("GET", "/schemas/ids/" + id, null).get("schema").asText());
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        try {
            return Optional.of(registered(subject, "latest"));
        } catch (RegistryException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(subject, String.valueOf(version));
    }

    private RegisteredSchema registered(String subject, String version) {
        JsonNode answer = http.send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
        return new RegisteredSchema(subject, answer.get("version").asInt(), answer.get("id").asInt(),
                new Schema.Parser().parse(answer.get("schema").asText()));
    }

    @Override
    public Compatibility compatibility(String subject, Schema schema) {
        try {
            JsonNode answer = http.send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
            List<String> messages = new ArrayList<>();
            answer.path("messages").forEach(message -> messages.add(message.asText()));
            return new Compatibility(answer.get("is_compatible").asBoolean(), messages);
        } catch (RegistryException e) {
            if (isNotFound(e)) {
                return Compatibility.yes();
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        http.send("GET", "/subjects", null).forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        http.send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(version -> versions.add(version.asInt()));
        return versions;
    }

    @Override
    public void setCompatibility(String subject, String level) {
        http.send("PUT", "/config/" + encode(subject), JSON.valueToTree(Map.of("compatibility", level)));
    }

    private static JsonNode schemaBody(Schema schema) {
        return JSON.valueToTree(Map.of("schema", schema.toString()));
    }

    private static boolean isNotFound(RegistryException e) {
        return e.status() == 404 && (e.errorCode() == RegistryException.SUBJECT_NOT_FOUND
                || e.errorCode() == RegistryException.VERSION_NOT_FOUND || e.errorCode() == RegistryException.SCHEMA_NOT_FOUND
                || e.errorCode() == 404);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
