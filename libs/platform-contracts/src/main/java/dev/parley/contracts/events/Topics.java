package dev.parley.contracts.events;

/** The Kafka topics of the contract and the CloudEvent type prefix each one carries. */
public enum Topics {
    AUDIT("parley.audit.v1", "dev.parley.audit."),
    PIPELINE_RUNS("parley.pipeline.runs.v1", "dev.parley.pipeline.run."),
    CONVERSATIONS("parley.conversations.v1", "dev.parley.conversation.");

    private final String topic;
    private final String typePrefix;

    Topics(String topic, String typePrefix) {
        this.topic = topic;
        this.typePrefix = typePrefix;
    }

    public String topic() {
        return topic;
    }

    /** The full CloudEvent type for an event {@code name} on this topic, e.g. {@code dev.parley.audit.turn}. */
    public String type(String name) {
        return typePrefix + name;
    }
}
