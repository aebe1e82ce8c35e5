package dev.dataemulator.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A domain that declares a typed schema shows it in the console's domain list and next to its sample. */
class WebConsoleSchemaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;
    private static WebConsole console;

    /** Parcels with a nested size record; the schema says so. */
    static final class ParcelDomain implements DomainProvider {
        static final RecordSchema SCHEMA = RecordSchema.builder("parcel")
                .required("parcel_id", FieldType.STRING, "the tracking number")
                .optional("size", FieldType.struct(RecordSchema.builder("size")
                        .required("grams", FieldType.LONG).build()))
                .build();

        @Override
        public String name() {
            return "parcel";
        }

        @Override
        public Optional<String> defaultResource() {
            return Optional.of("parcels");
        }

        @Override
        public DomainGenerator open(DomainContext context) {
            return new DomainGenerator() {
                @Override
                public RecordFactory newFactory() {
                    return (seq, random) -> new RecordData() {
                        @Override
                        public String key() {
                            return "p" + seq;
                        }

                        @Override
                        public void writeFields(FieldWriter out) {
                            out.string("parcel_id", "p" + seq);
                            out.beginObject("size");
                            out.integer("grams", 100 + random.nextInt(900));
                            out.endObject();
                        }
                    };
                }

                @Override
                public Optional<RecordSchema> schema() {
                    return Optional.of(SCHEMA);
                }
            };
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Router router = new Router((status, message) -> JsonViews.json(status, JsonViews.error(message)));
        DomainRegistry domains = DomainRegistry.of(new ParcelDomain());
        console = WebConsole.register(router, Set.of("memory"), List::of, () -> domains);
        server.createContext("/", router);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        console.close();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void theSchemaComesWithTheDomainAndWithItsSample() throws Exception {
        JsonNode expected = JSON.readTree("""
                {"name": "parcel", "fields": [
                  {"name": "parcel_id", "type": "string", "nullable": false, "doc": "the tracking number"},
                  {"name": "size", "type": "struct", "nullable": true, "doc": "",
                   "fields": [{"name": "grams", "type": "long", "nullable": false, "doc": ""}]}]}""");
        JsonNode domains = get("/domains");
        assertThat(domains).hasSize(1);
        assertThat(domains.get(0).get("schema")).isEqualTo(expected);

        JsonNode sample = get("/sample?emulation_domain=parcel&count=2");
        assertThat(sample.get("schema")).isEqualTo(expected);
        assertThat(sample.get("records").get(1).get("data").get("parcel_id").asText()).isEqualTo("p1");
    }
}
