/**
 * Where a run keeps what it writes, on any file system Hadoop reaches: the output folder and what {@code --overwrite}
 * may delete there ({@code OutputFolder}), its one writer ({@code WriterLock}, with HDFS's leases), the folder where
 * trials keep their state while they train ({@code StateFolder}, {@code FolderStateStore}), a report's folder
 * ({@code ReportFolder}), how every file is written so that it is absent or whole after a crash ({@code DurableFiles},
 * {@code WriteFailure}), and a refusal before anything is written ({@code RefusedException}). Beneath the tables:
 * {@code results} writes through it. Uses the {@code grid}, {@code data} and {@code train} types.
 */
package org.activationbench.storage;
