package dev.dataemulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.connect.EmulatorSourceConnectorConfig;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.SettingAliases;
import dev.dataemulator.examples.CliDoor;
import dev.dataemulator.examples.http.HttpDoor;
import dev.dataemulator.spark.internal.SourceOptions;
import dev.dataemulator.spring.boot.SpringDoor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/SETTINGS.md's table of front doors says what each door's alias table does: a drift fails here. */
class FrontDoorSettingsDocTest {
    private static final String HEADER = "| setting | CLI `run` | HTTP `POST /emulator` | Spring `emulator.emulations[]` "
            + "| Kafka Connect | Spark |";

    @Test
    void theDoorsTableOfSettingsMdIsTheDoorsAliasTables() throws IOException {
        List<SettingAliases> doors = List.of(CliDoor.aliases(), HttpDoor.aliases(), SpringDoor.aliases(),
                EmulatorSourceConnectorConfig.ALIASES, SourceOptions.ALIASES);
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add("|---|---|---|---|---|---|");
        for (EmulationSpec.Setting setting : EmulationSpec.settings()) {
            if (!setting.hasText()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            cells.add("`" + setting.name() + "`");
            for (SettingAliases door : doors) {
                String names = door.aliases().entrySet().stream()
                        .filter(alias -> alias.getValue().equals(setting.name()))
                        .map(alias -> "`" + alias.getKey() + "`").collect(Collectors.joining(", "));
                cells.add(names.isEmpty() ? "—" : names);
            }
            rows.add("| " + String.join(" | ", cells) + " |");
        }
        String table = String.join("\n", rows) + "\n";
        String doc = Files.readString(Path.of("..", "docs", "SETTINGS.md"));
        assertThat(doc).as("docs/SETTINGS.md must hold the doors' table generated from their alias tables:%n%s", table)
                .contains(table);
    }

    @Test
    void everyDoorNamesOnlySettingsOfTheTable() {
        Map<String, SettingAliases> doors = new LinkedHashMap<>();
        doors.put("CLI", CliDoor.aliases());
        doors.put("HTTP", HttpDoor.aliases());
        doors.put("Spring", SpringDoor.aliases());
        doors.put("Connect", EmulatorSourceConnectorConfig.ALIASES);
        doors.put("Spark", SourceOptions.ALIASES);
        List<String> names = EmulationSpec.settings().stream().map(EmulationSpec.Setting::name).toList();
        doors.forEach((door, aliases) -> assertThat(names).as(door).containsAll(aliases.aliases().values()));
    }
}
