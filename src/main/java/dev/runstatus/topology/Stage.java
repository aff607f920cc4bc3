package dev.runstatus.topology;

/** Where in the pipeline a record was given up on; carried in the dead-letter headers. */
public enum Stage {
    PARSE("parse"),
    VALIDATE("validate"),
    ROUTE("route"),
    SERIALIZE("serialize"),
    PRODUCE("produce"),
    PROCESS("process");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
