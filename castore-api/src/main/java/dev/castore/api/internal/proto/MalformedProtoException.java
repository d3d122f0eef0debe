package dev.castore.api.internal.proto;

/** Bytes that are not valid protobuf wire format. */
public final class MalformedProtoException extends IllegalArgumentException {
    public MalformedProtoException(String message) {
        super(message);
    }
}
