package dev.castore.cli;

/** A count with its noun in the right number, for summaries: "1 file", "2 files", "1 directory". */
public final class Quantity {

    private Quantity() {}

    /** {@code n} and the noun, plural unless {@code n} is one. */
    public static String of(long n, String singular) {
        if (n == 1) {
            return "1 " + singular;
        }
        String plural = singular.endsWith("y") ? singular.substring(0, singular.length() - 1) + "ies" : singular + "s";
        return n + " " + plural;
    }
}
