package dev.dataemulator.examples;

import dev.dataemulator.examples.http.EmulatorHttpServer;
import dev.dataemulator.core.InvalidSettingException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emulator serve}: the HTTP control service, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Serves the HTTP control API (POST /emulator, GET /emulator, GET /emulator/{id}/status, "
                + "DELETE /emulator/{id}, POST /domains, ...; every route at GET /api, an OpenAPI document at "
                + "GET /openapi.json) and a web console at /. Every sink on the class path is offered; the "
                + "request's sink_config holds its settings. Starts embedded servers unless real ones are "
                + "configured.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Servers.Options servers;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "Port to listen on (0: any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on: loopback only by "
            + "default; 0.0.0.0 for every interface (the service has no authentication).")
    String bind;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress address = address(); // before any embedded server starts
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // SIGTERM: the same path as Ctrl-C, and the JVM waits (bounded) until emulations are flushed
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "emulator-http-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Servers started = new Servers(servers, true, out);
                EmulatorHttpServer server = new EmulatorHttpServer(address,
                        Map.of("kafka", started.kafka(), "minio", started.s3(), "memory", Map.of()))) {
            server.start();
            out.printf("Emulator HTTP service on http://%s:%d/emulator, web console on http://%1$s:%2$d/ "
                    + "(Ctrl-C to stop)%n", bind, server.port());
            out.flush();
            // Ctrl-C: stop serving, stop and flush every emulation (closing the server does), exit 0
            try (Interrupts interrupts = Interrupts.onInterrupt(stopped::countDown)) {
                stopped.await();
            }
            out.println("Stopping: every running emulation is stopped and flushed");
            out.flush();
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook waits for the close above
            }
        }
        return 0;
    }

    /** @return where to listen: a valid port and an address of this machine, or the named setting's error */
    private InetSocketAddress address() {
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException("--port", port, "must be between 0 and 65535 (0: any free port)");
        }
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(bind);
        } catch (java.net.UnknownHostException e) {
            throw new InvalidSettingException("--bind", bind, "is not a known host name or address");
        }
        boolean local;
        try {
            local = address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (java.net.SocketException e) {
            local = false;
        }
        if (!local) {
            throw new InvalidSettingException("--bind", bind, "is not an address of this machine ("
                    + address.getHostAddress() + "); use 127.0.0.1 (the default) or 0.0.0.0 for every interface");
        }
        return new InetSocketAddress(address, port);
    }
}
