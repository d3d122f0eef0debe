package dev.castore.store.grpc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/** NOT_FOUND answers an ordinary question: the server makes it without filling in a stack trace. */
class NotFoundAnswerTest {

    @Test
    void notFoundCarriesItsDescriptionAndNoStackTrace() {
        StatusRuntimeException e = StatusMapping.notFound("blob 00 not found");
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("blob 00 not found", e.getStatus().getDescription());
        assertEquals("NOT_FOUND: blob 00 not found", e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertEquals(Status.Code.NOT_FOUND, Status.fromThrowable(e).getCode());
    }
}
