package dev.dataemulator.examples;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The command line's logging: Logback writing to standard error (see {@code logback.xml}), quiet by default (the
 * emulator's loggers at WARN, the embedded servers' at ERROR) so that standard output carries only the command's own
 * output; {@code --verbose} raises it.
 */
final class Logging {
    private Logging() {
    }

    /** The emulator's progress and life-cycle lines (INFO) and the servers' and clients' warnings. */
    static void verbose() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return; // another binding chosen by whoever embeds the command line: leave it alone
        }
        // loggers logback.xml quietened one by one (the engine's own outcome line) speak again too
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            if (logger.getName().startsWith("dev.dataemulator.") && logger.getLevel() != null) {
                logger.setLevel(null);
            }
        }
        context.getLogger("dev.dataemulator").setLevel(Level.INFO);
        for (String noisy : new String[] {"org.apache.kafka", "kafka", "org.gaul", "org.eclipse.jetty"}) {
            context.getLogger(noisy).setLevel(Level.WARN);
        }
    }
}
