package io.hypernf.sdk.port;

/**
 * A port could not be opened or set up: missing device, permission, a reply with bad geometry.
 * The message names the port (its URI), what failed and, for system calls, the errno text.
 * Never thrown on the data path (rxSync, txSync, poll), which counts errors instead.
 */
public class PortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PortException(String message) { super(message); }

    public PortException(String message, Throwable cause) { super(message, cause); }
}
