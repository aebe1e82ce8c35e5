package dev.dataemulator.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real headless Chromium against a running service: start through the form, watch the row
 * count up and its chart draw, stop, upload a domain definition. Skipped only where no Chromium is installed ({@code .ci/run} installs it).
 * Leaves a screenshot in {@code target/console.png} (the README's {@code docs/console.png} is a copy of it).
 */
class ConsoleBrowserIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static EmulatorHttpServer server;
    private static HeadlessChromium browser;

    @BeforeAll
    static void startServiceAndBrowser() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium on this machine (apt-get install chromium)");
        server = new EmulatorHttpServer(new InetSocketAddress("127.0.0.1", 0), Map.of("memory", Map.of()));
        server.start();
        browser = new HeadlessChromium(chromium.get(), 1360, 900);
    }

    @AfterAll
    static void stopBrowserAndService() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String text(String selector) {
        return browser.evaluate("(document.querySelector(" + quote(selector) + ") || {}).textContent || ''").asText();
    }

    private static void type(String form, String field, String value) {
        browser.evaluate("(() => { const f = document.querySelector(" + quote(form + " [name=" + field + "]")
                + "); f.value = " + quote(value) + "; f.dispatchEvent(new Event('change', {bubbles: true})); })()");
    }

    private static void click(String selector) {
        browser.evaluate("document.querySelector(" + quote(selector) + ").click()");
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static long generated(String id) {
        return Long.parseLong(text("tr[data-id='" + id + "'] .generated").replace(",", "").trim());
    }

    @Test
    void startWatchAndStopAnEmulationFromTheConsole() throws Exception {
        browser.navigate("http://127.0.0.1:" + server.port() + "/");
        await().atMost(PATIENCE).until(() -> browser.evaluate(
                "document.body.dataset.ready === 'true' && document.querySelectorAll('#start-domain option').length > 0")
                .asBoolean());
        // every sink on the class path is offered; the footer lists every route and links the OpenAPI document
        assertThat(browser.evaluate("[...document.querySelectorAll('#start-sink option')].map(o => o.value)")
                .toString()).contains("\"file\"", "\"kafka\"", "\"memory\"", "\"minio\"");
        await().atMost(PATIENCE).until(() -> text("#routes").contains("POST domains"));
        assertThat(text("#routes")).contains("POST emulator", "GET emulator", "GET emulator/{id}/status",
                "DELETE emulator/{id}", "POST domains", "GET domains", "GET sinks", "GET sample", "GET rates",
                "GET api", "GET openapi.json");
        assertThat(browser.evaluate("document.querySelector('#openapi-link').getAttribute('href')").asText())
                .isEqualTo("openapi.json");
        type("#start-form", "emulator_sync", "memory");

        // each error of the service's 400 answer lands next to the field it names
        type("#start-form", "threads", "0");
        type("#start-form", "timeout", "-1");
        click("#start-button");
        await().atMost(PATIENCE).until(() -> !text(".field-error[data-for=threads]").isEmpty());
        assertThat(text(".field-error[data-for=threads]")).contains("between 1 and 1024");
        assertThat(text(".field-error[data-for=timeout]")).startsWith("expected a positive duration");
        assertThat(browser.evaluate("document.querySelectorAll('.field.invalid').length").asInt()).isEqualTo(2);
        assertThat(browser.evaluate("document.querySelectorAll('#emulations tbody tr').length").asInt()).isZero();

        type("#start-form", "emulation_domain", "device-log");
        type("#start-form", "threads", "2");
        type("#start-form", "timeout", "300");
        type("#start-form", "rate", "4000");
        click("#start-button");
        await().atMost(PATIENCE).until(() -> browser.evaluate(
                "document.querySelector('#emulations tbody tr[data-status=RUNNING]') !== null").asBoolean());
        assertThat(text(".field-error[data-for=threads]")).isEmpty();
        assertThat(text(".field-error[data-for=timeout]")).isEmpty();
        String id = browser.evaluate("document.querySelector('#emulations tbody tr').dataset.id").asText();
        assertThat(text("tr[data-id='" + id + "'] .domain")).isEqualTo("device-log");
        assertThat(text("tr[data-id='" + id + "'] .sub")).isEqualTo("→ device-logs");

        // the count rises while the page is open
        AtomicLong first = new AtomicLong();
        await().atMost(PATIENCE).until(() -> {
            first.set(generated(id));
            return first.get() > 0;
        });
        await().atMost(PATIENCE).until(() -> generated(id) > first.get());
        await().atMost(PATIENCE).until(() -> browser.evaluate(
                "document.querySelectorAll(\"tr[data-id='" + id + "'] .worker.STARTED\").length").asInt() == 2);

        // the chart has points, and blue line pixels on its transparent canvas
        await().atMost(PATIENCE).until(() -> Integer.parseInt(browser.evaluate(
                "document.querySelector(\"tr[data-id='" + id + "'] canvas.chart\").dataset.points || '0'")
                .asText()) >= 3);
        await().atMost(PATIENCE).until(() -> browser.evaluate("(() => {"
                + " const c = document.querySelector(\"tr[data-id='" + id + "'] canvas.chart\");"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let line = 0;"
                + " for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && d[i + 2] > d[i] + 120) line++;"
                + " return line; })()").asInt() > 20);

        // the sample panel shows 20 records without starting anything
        type("#sample-form", "emulation_domain", "transaction");
        type("#sample-form", "seed", "42");
        click("#sample-button");
        await().atMost(PATIENCE).until(() -> browser.evaluate(
                "document.querySelectorAll('#sample-records li').length").asInt() == 20);
        assertThat(text("#sample-records li")).contains("\"emulation_id\"", "\"data\"", "\"transaction_id\"");
        // decimals as the sinks write them: 40.20 stays 40.20 on the page
        Matcher amount = Pattern.compile("\"amount\":(\\d+\\.\\d0)[,}]").matcher(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/sample?emulation_domain=transaction&seed=42")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(amount.find()).as("an amount with a trailing zero among the 20").isTrue();
        assertThat(text("#sample-records")).contains("\"amount\": " + amount.group(1) + ",");
        // the transaction domain declares a typed schema: it is listed with the sample
        assertThat(browser.evaluate("document.querySelector('#sample-schema').hidden").asBoolean()).isFalse();
        assertThat(text("#sample-schema tbody")).contains("transaction_id");
        assertThat(browser.evaluate("document.querySelectorAll('#emulations tbody tr').length").asInt()).isOne();

        // a second emulation, started through the JSON API, shows up and finishes; then a picture for the README
        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/emulator")).POST(HttpRequest.BodyPublishers.ofString(
                """
                {"emulator_sync": "memory", "emulation_domain": "transaction", "threads": 3, "max_records": 40000,
                 "rate": 8000}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> browser.evaluate(
                "document.querySelectorAll('#emulations tbody tr[data-status=COMPLETED]').length").asInt() == 1);
        assertThat(text("#emulations tbody tr[data-status=COMPLETED] .reason")).isEqualTo("max records reached");
        await().atMost(PATIENCE).until(() -> Integer.parseInt(browser.evaluate(
                "document.querySelector(\"tr[data-id='" + id + "'] canvas.chart\").dataset.points || '0'")
                .asText()) >= 20);
        browser.screenshot(Path.of("target", "console.png"), 900);

        click("tr[data-id='" + id + "'] button.stop");
        await().atMost(PATIENCE).until(() -> browser.evaluate(
                "(document.querySelector(\"tr[data-id='" + id + "']\") || {dataset: {}}).dataset.status")
                .asText().equals("STOPPED"));
        JsonNode stopVisible = browser.evaluate(
                "document.querySelector(\"tr[data-id='" + id + "'] button.stop\").hidden");
        assertThat(stopVisible.asBoolean()).isTrue();
        assertThat(text("tr[data-id='" + id + "'] .reason")).isEqualTo("stopped on request");

        // a YAML definition uploaded from the page: its domains join the forms at once
        upload("ecommerce.yaml", Files.readString(Path.of("src/main/resources/domains/ecommerce.yaml")));
        await().atMost(PATIENCE).until(() -> text("#domain-flash").equals("Added customers, orders"));
        assertThat(browser.evaluate("[...document.querySelectorAll('#start-domain option')].map(o => o.value)")
                .toString()).contains("\"customers\"", "\"orders\"");
        // a bad one: each problem with its place in the file
        upload("bad.yaml", "version: 1\ndomains:\n  d: {fields: {y: {uuuid: {}}}}\n");
        await().atMost(PATIENCE).until(() -> !text("#domain-error").isEmpty());
        assertThat(text("#domain-error")).contains("bad.yaml:3:", "did you mean 'uuid'?").doesNotContain("request:");
        assertThat(browser.pageErrors()).isEmpty();
    }

    /** Chooses a file with that content in the upload form, as a user does, and submits it. */
    private static void upload(String name, String content) throws Exception {
        browser.evaluate("(() => { const files = new DataTransfer();"
                + " files.items.add(new File([" + JsonViews.JSON.writeValueAsString(content) + "], " + quote(name)
                + ")); document.querySelector('#domain-file').files = files.files; })()");
        click("#domain-button");
    }
}
