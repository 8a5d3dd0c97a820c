package org.myelin.core;

/**
 * Invalid model input: an unknown model or parameter, a value outside its valid range, an
 * inconsistent network. Raised at build time; the message names the element (population,
 * projection, stimulus), the key, the value and what would be valid.
 */
public final class ModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String element;
    private final String key;

    public ModelException(String element, String key, String message) {
        super(format(element, key, message));
        this.element = element;
        this.key = key;
    }

    private static String format(String element, String key, String message) {
        StringBuilder b = new StringBuilder();
        if (element != null && !element.isEmpty()) b.append(element);
        if (key != null && !key.isEmpty()) {
            if (b.length() > 0) b.append(": ");
            b.append("'").append(key).append("'");
        }
        if (b.length() > 0) b.append(": ");
        return b.append(message).toString();
    }

    /** The element at fault, e.g. {@code population 'E'}, or {@code null}. */
    public String element() {
        return element;
    }

    /** The key at fault, e.g. {@code tau_m}, or {@code null}. */
    public String key() {
        return key;
    }
}
