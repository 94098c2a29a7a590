package dev.simlab.renderer;

import dev.simlab.core.scene.Scene;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * A screenshot PNG that says what it shows: the HUD's fields ({@link HudText}), one
 * {@code label: value} line each, go into an iTXt chunk under the standard keyword
 * {@code Description} (UTF-8: ε survives), so a picture of a run can be matched to its metrics
 * without reading pixels.
 */
final class Screenshot {
    private Screenshot() {}

    static String describe(Scene scene) {
        StringBuilder b = new StringBuilder();
        for (HudText.Row r : HudText.rows(scene)) b.append(r.label()).append(": ").append(r.value()).append('\n');
        return b.toString();
    }

    static void write(BufferedImage image, Path file, String description) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            if (!description.isEmpty()) {
                IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                entry.setAttribute("keyword", "Description");
                entry.setAttribute("compressionFlag", "FALSE");
                entry.setAttribute("compressionMethod", "0");
                entry.setAttribute("languageTag", "");
                entry.setAttribute("translatedKeyword", "");
                entry.setAttribute("text", description);
                IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
                itxt.appendChild(entry);
                IIOMetadataNode root = new IIOMetadataNode(meta.getNativeMetadataFormatName());
                root.appendChild(itxt);
                meta.mergeTree(meta.getNativeMetadataFormatName(), root);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
    }
}
