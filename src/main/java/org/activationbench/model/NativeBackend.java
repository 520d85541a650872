package org.activationbench.model;

/**
 * Which build of ND4J's natives the project loads. nd4j-native comes here in its oneDNN build only (libnd4j linked
 * with oneDNN, whose convolution and pooling operations pick AVX2 or AVX-512 kernels at run time); JavaCPP finds
 * it only when asked for the {@code -onednn} platform extension. The jobs/ scripts, the tests and the cluster
 * configuration pass the property; {@link #select()} sets it for a JVM started any other way.
 */
public final class NativeBackend {

    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    public static final String EXTENSION = "-onednn";

    private NativeBackend() {}

    /** Asks for the oneDNN build unless the JVM was told otherwise; effective only before ND4J is first used. */
    public static void select() {
        if (System.getProperty(EXTENSION_PROPERTY) == null) {
            System.setProperty(EXTENSION_PROPERTY, EXTENSION);
        }
    }
}
