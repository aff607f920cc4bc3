package dev.runstatus.registry;

import org.apache.avro.Schema;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A registry that can be switched off to stand for an outage: every call then fails as an unreachable registry's does. */
public final class SwitchableRegistry implements SchemaRegistry {

    private final SchemaRegistry delegate;
    private volatile boolean on = true;

    public SwitchableRegistry(SchemaRegistry delegate) {
        this.delegate = delegate;
    }

    public void switchOff() {
        on = false;
    }

    public void switchOn() {
        on = true;
    }

    private SchemaRegistry answering() {
        if (!on) {
            throw new RegistryUnavailableException("the test's schema registry is switched off", "switched off", null);
        }
        return delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        return answering().register(subject, schema);
    }

    @Override
    public OptionalInt lookup(String subject, Schema schema) {
        return answering().lookup(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        return answering().schemaById(id);
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        return answering().latest(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return answering().version(subject, version);
    }

    @Override
    public Compatibility compatibility(String subject, Schema schema) {
        return answering().compatibility(subject, schema);
    }

    @Override
    public List<String> subjects() {
        return answering().subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return answering().versions(subject);
    }

    @Override
    public void setCompatibility(String subject, String level) {
        answering().setCompatibility(subject, level);
    }
}
