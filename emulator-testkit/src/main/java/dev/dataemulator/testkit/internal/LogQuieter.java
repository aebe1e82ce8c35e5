package dev.dataemulator.testkit.internal;

import java.lang.reflect.Method;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers S3Proxy's and its Jetty's loggers to WARN when Logback is the SLF4J binding. S3Proxy depends on Logback, and
 * Logback without a configuration file logs everything at DEBUG. Done through reflection so that applications that
 * exclude Logback (and bind SLF4J to something else) are untouched; loggers the application configured keep their
 * level.
 */
public final class LogQuieter {
    private static final String[] NOISY = {"org.gaul.s3proxy", "org.gaul.shaded.org.eclipse.jetty",
        "org.eclipse.jetty"};

    private LogQuieter() {
    }

    /** Sets the noisy loggers to WARN where nobody set their level. Never fails. */
    public static void quiet() {
        try {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (!factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
                return;
            }
            ClassLoader loader = factory.getClass().getClassLoader();
            Class<?> levelType = Class.forName("ch.qos.logback.classic.Level", true, loader);
            Object warn = levelType.getField("WARN").get(null);
            for (String name : NOISY) {
                Logger logger = factory.getLogger(name);
                Method getLevel = logger.getClass().getMethod("getLevel");
                if (getLevel.invoke(logger) == null) {
                    logger.getClass().getMethod("setLevel", levelType).invoke(logger, warn);
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException ignored) {
            // logging stays as configured: noisy, never broken
        }
    }
}
