package dev.castore.store.grpc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shaded netty's JFR events are off unless the property asks for them. */
class ShadedNettyTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(ShadedNetty.JFR_EVENTS);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ShadedNetty.JFR_EVENTS);
        } else {
            System.setProperty(ShadedNetty.JFR_EVENTS, before);
        }
    }

    @Test
    void turnsTheAllocatorsJfrEventsOff() {
        System.clearProperty(ShadedNetty.JFR_EVENTS);

        ShadedNetty.configure();

        assertEquals("false", System.getProperty(ShadedNetty.JFR_EVENTS));
    }

    @Test
    void keepsWhatTheUserAskedFor() {
        System.setProperty(ShadedNetty.JFR_EVENTS, "true");

        ShadedNetty.configure();

        assertEquals("true", System.getProperty(ShadedNetty.JFR_EVENTS));
    }
}
