package dev.dataemulator.connect.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The keys the connector adds to each task's configuration besides the connector's own settings. */
public final class TaskSettings {
    /** The task's units, as {@link Unit#encode(List)}. */
    public static final String UNITS = "task.units";
    /** The task's share of the total rate, records per second (a decimal); absent or 0 for unlimited. */
    public static final String RATE = "task.rate.per.second";

    private TaskSettings() {
    }

    /**
     * @param connector the connector's settings
     * @param units the task's units
     * @param rate the task's rate, 0 for unlimited
     * @return the task configuration
     */
    public static Map<String, String> of(Map<String, String> connector, List<Unit> units, double rate) {
        Map<String, String> task = new HashMap<>(connector);
        task.put(UNITS, Unit.encode(units));
        task.put(RATE, Double.toString(rate));
        return task;
    }
}
