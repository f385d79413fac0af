package dev.crossmesh.ui.topology;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

/** PNG pictures of nodes, through {@code Node.snapshot} (which also works headless), for slides and tickets. */
public final class TopologyPng {
    private TopologyPng() {
    }

    /** Takes the picture; FX thread. {@code scale} 2 gives a sharp picture on slides and high-density screens. */
    public static WritableImage snapshot(Node node, double scale) {
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(scale, scale));
        params.setFill(Color.TRANSPARENT);
        return node.snapshot(params, null);
    }

    /** Writes a picture taken by {@link #snapshot}; any thread. */
    public static void write(WritableImage image, Path file) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        if (!ImageIO.write(buffered, "png", partial.toFile())) {
            throw new IOException("this Java runtime has no PNG writer");
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
