/** Thrown when a step does not get what the case expects. */
final class Mismatch extends Exception {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
        super(message);
    }
}
