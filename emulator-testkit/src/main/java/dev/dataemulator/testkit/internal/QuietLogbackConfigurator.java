package dev.dataemulator.testkit.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * A quiet default for Logback, which S3Proxy brings onto every test class path that uses the testkit: without a
 * configuration file Logback logs everything at DEBUG (thousands of lines for a small test). When the application has
 * no Logback configuration of its own ({@code logback-test.xml}, {@code logback.xml} or the
 * {@code logback.configurationFile} property), this logs WARN and above to the console, Kafka's broker and clients
 * ERROR and above; otherwise it does nothing and the application's configuration applies. Found by Logback through
 * {@code META-INF/services}; never loaded when Logback is not the SLF4J binding. Not API.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class QuietLogbackConfigurator extends ContextAwareBase implements Configurator {
    private static final String[] KAFKA = {"org.apache.kafka", "kafka", "state.change.logger"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || resource("logback-test.xml") || resource("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("testkit-console");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        for (String name : KAFKA) {
            context.getLogger(name).setLevel(Level.ERROR);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean resource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = QuietLogbackConfigurator.class.getClassLoader();
        }
        return loader.getResource(name) != null;
    }
}
