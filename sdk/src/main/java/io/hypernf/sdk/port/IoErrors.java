package io.hypernf.sdk.port;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns a set-up {@link IOException} into "FILE: reason". The JDK's file exceptions carry the
 * reason in their type and only the path in their message, so {@code NoSuchFileException} alone
 * prints "missing.pcap", which tells a user nothing.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** "FILE: reason" for file-system errors, otherwise the exception's message (or its type). */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": " + reason(fs);
        }
        return reason(e);
    }

    /** The reason alone, for messages that already name the file. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            return reason(fs);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getClass().getSimpleName();
    }
}
