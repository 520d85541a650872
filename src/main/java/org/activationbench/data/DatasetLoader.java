package org.activationbench.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a {@link DatasetSpec} from its IDX files under a data root, verifying every file, pixels scaled to [0, 1]. */
public final class DatasetLoader {

    private final Path root;

    public DatasetLoader(Path root) {
        this.root = root;
    }

    /**
     * Loads a dataset from its folder under the data root; a missing or damaged file names the command that fetches it.
     */
    public Dataset load(DatasetSpec spec) {
        String fix = "Fetch it with '" + spec.fetchCommand() + (root.equals(Path.of("data")) ? "" : " --data " + root)
                + "' (delete the folder first if a file is damaged)";
        return loadFolder(root.resolve(spec.id()), spec, fix);
    }

    /** Loads a dataset whose four IDX files are directly in {@code dir} (as Spark ships them to executors). */
    public static Dataset loadFolder(Path dir, DatasetSpec spec, String fix) {
        IdxReader reader = new IdxReader(fix);
        Split train = split(reader, spec, dir, "train", spec.trainCount());
        Split test = split(reader, spec, dir, "t10k", spec.testCount());
        return new Dataset(spec.id(), DatasetSpec.SIDE, DatasetSpec.SIDE, DatasetSpec.CLASSES, train, test);
    }

    /** The dataset's four files in {@code dir}: raw or gzipped, as present. */
    public static java.util.List<Path> files(Path dir) {
        return java.util.stream.Stream.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte").map(n -> locate(dir, n)).toList();
    }

    private static Split split(IdxReader reader, DatasetSpec spec, Path dir, String prefix, int count) {
        String imagesName = prefix + "-images-idx3-ubyte";
        String labelsName = prefix + "-labels-idx1-ubyte";
        IdxReader.Images images = reader.readImages(locate(dir, imagesName), count, DatasetSpec.SIDE, DatasetSpec.SIDE,
                spec.sha256(imagesName));
        int[] labels = reader.readLabels(locate(dir, labelsName), count, DatasetSpec.CLASSES, spec.sha256(labelsName));
        return new Split(count, images.rows() * images.cols(), scale(images.pixels()), labels);
    }

    /** The raw file if present, else its gzipped form; a missing file is reported under its raw name. */
    public static Path locate(Path dir, String name) {
        Path raw = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        return !Files.exists(raw) && Files.exists(gz) ? gz : raw;
    }

    static float[] scale(byte[] pixels) {
        float[] x = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            x[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
        }
        return x;
    }
}
