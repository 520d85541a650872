package org.activationbench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The datasets the project knows: where their IDX files live under the data folder, how many examples
 * they hold and the SHA-256 of each file's uncompressed content.
 */
public enum DatasetSpec {

    MNIST("mnist", 60_000, 10_000, Map.of(
            "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),

    FASHION_MNIST("fashion-mnist", 60_000, 10_000, Map.of(
            "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    public static final int SIDE = 28;
    public static final int CLASSES = 10;

    private final String id;
    private final int trainCount;
    private final int testCount;
    private final Map<String, String> sha256;

    DatasetSpec(String id, int trainCount, int testCount, Map<String, String> sha256) {
        this.id = id;
        this.trainCount = trainCount;
        this.testCount = testCount;
        this.sha256 = sha256;
    }

    /** The name used in grid files, on the command line and as the folder under the data root. */
    public String id() {
        return id;
    }

    /** Examples in the training file. */
    public int trainCount() {
        return trainCount;
    }

    /** Examples in the test file. */
    public int testCount() {
        return testCount;
    }

    /** The SHA-256 a file's uncompressed content must have. */
    public String sha256(String file) {
        return sha256.get(file);
    }

    /** The ids a grid file may name as its dataset. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(DatasetSpec::id).toList();
    }

    /** The dataset a grid file names; an unknown id lists the known ones. */
    public static DatasetSpec byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown dataset '" + id + "'; known: " + String.join(", ", ids())));
    }

    /** The shell command that fetches this dataset. */
    public String fetchCommand() {
        return "jobs/fetch-data.sh " + id;
    }

}
