package dev.runstatus.registry;

/** TopicNameStrategy: the value schema of topic T is registered under subject "T-value". */
public final class SubjectNames {

    private SubjectNames() {
    }

    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
