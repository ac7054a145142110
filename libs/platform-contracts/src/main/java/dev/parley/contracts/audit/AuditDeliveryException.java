package dev.parley.contracts.audit;

/** An audit event could not be confirmed by Kafka within the producer's delivery timeout. */
public class AuditDeliveryException extends RuntimeException {

    public AuditDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
