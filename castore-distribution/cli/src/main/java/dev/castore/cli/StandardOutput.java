package dev.castore.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/**
 * Standard output as a channel for a command's raw bytes, which ends the command quietly when the
 * reader goes away ({@code castore cat BLOB | head -c 100}), as it ends {@code cat}: with exit
 * code {@link CliException#OUTPUT_CLOSED} and no message. Other write errors (a full disk) stay errors.
 */
public final class StandardOutput implements WritableByteChannel {

    private final WritableByteChannel out;

    private StandardOutput(WritableByteChannel out) {
        this.out = out;
    }

    /**
     * {@code out} as a channel: a {@link FileOutputStream}'s own, which writes the buffers it is
     * given as they are (one copy into the JDK's buffer for the write, where the stream took two).
     */
    public static WritableByteChannel of(OutputStream out) {
        return new StandardOutput(out instanceof FileOutputStream file ? file.getChannel() : Channels.newChannel(out));
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        try {
            return out.write(src);
        } catch (IOException e) {
            if ("Broken pipe".equals(e.getMessage())) {
                throw new CliException(CliException.OUTPUT_CLOSED, "", e);
            }
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    /** Leaves standard output open: the process still prints through it. */
    @Override
    public void close() {}
}
