package com.tradesense.marketdata.rest.transport;

import com.tradesense.marketdata.secrets.Redaction;
import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * The last net for secrets in logs: every record reaching the console (or file) handler has its message
 * and its exception's messages masked by {@link Redaction} before it is written, whatever logged it
 * (our code, Vert.x, the PostgreSQL client, an exception's stack trace). Installed by
 * {@code quarkus.log.console.filter=mde-redaction}.
 */
@LoggingFilter(name = "mde-redaction")
public final class RedactingLogFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String redacted = Redaction.redact(formatted);
        if (redacted != null && !redacted.equals(formatted)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        Throwable t = record.getThrown();
        if (t != null && leaks(t)) {
            record.setThrown(RedactedThrowable.of(t));
        }
        return true;
    }

    private static boolean leaks(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.toString();
            if (!m.equals(Redaction.redact(m))) {
                return true;
            }
        }
        return false;
    }

    /** A copy of an exception chain with masked messages and the original stack traces. */
    static final class RedactedThrowable extends RuntimeException {
        private final String text;

        private RedactedThrowable(String text, Throwable cause, StackTraceElement[] trace) {
            super(text, cause, false, true);
            this.text = text;
            setStackTrace(trace);
        }

        static RedactedThrowable of(Throwable t) {
            Throwable cause = t.getCause() == null || t.getCause() == t ? null : of(t.getCause());
            return new RedactedThrowable(Redaction.redact(t.toString()), cause, t.getStackTrace());
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
