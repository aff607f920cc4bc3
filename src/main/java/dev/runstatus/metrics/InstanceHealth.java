package dev.runstatus.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The health of an instance that runs one or more Kafka Streams applications (roles): ready while every
 * role is ready, live while none has failed for good. The answer's top-level fields are those of the
 * first role that is down (else the first role), named in {@code role}; {@code roles} holds each role's.
 */
public final class InstanceHealth {

    /** One answer of /health/live or /health/ready: up or not, and its JSON body. */
    public record Answer(boolean up, String json) {
    }

    private final Map<String, Health> roles;

    /** {@code roles}: role id to its health, in the order they are named. */
    public InstanceHealth(Map<String, Health> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an instance runs at least one role");
        }
        this.roles = new LinkedHashMap<>(roles);
    }

    public Answer live() {
        return combine(Health::live);
    }

    public Answer ready() {
        return combine(Health::ready);
    }

    private Answer combine(Function<Health, Health.Answer> ask) {
        Map<String, Health.Answer> answers = new LinkedHashMap<>();
        roles.forEach((role, health) -> answers.put(role, ask.apply(health)));
        Map.Entry<String, Health.Answer> named = answers.entrySet().stream().filter(answer -> !answer.getValue().up())
                .findFirst().orElse(answers.entrySet().iterator().next());
        ObjectNode body = named.getValue().node().put("role", named.getKey());
        ObjectNode each = body.putObject("roles");
        answers.forEach((role, answer) -> each.set(role, answer.node()));
        boolean up = answers.values().stream().allMatch(Health.Answer::up);
        return new Answer(up, body.put("status", up ? "UP" : "DOWN").toString() + "\n");
    }
}
