import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Draws the crossmesh icon (two networks, a cluster in each corner, crossing links through a gateway) and writes
 * the formats each OS wants: PNGs (Linux), .ico (Windows), .icns (macOS). Run: java installer/icons/IconMaker.java installer/icons
 */
public class IconMaker {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256, 512, 1024}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(draw(size), "png", out);
            png.put(size, out.toByteArray());
            if (size <= 512) {
                Files.write(dir.resolve("crossmesh-" + size + ".png"), out.toByteArray());
            }
        }
        Files.write(dir.resolve("crossmesh.ico"), ico(png, 16, 32, 48, 64, 128, 256));
        Files.write(dir.resolve("crossmesh.icns"), icns(png));
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 512.0, size / 512.0);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f6feb), 512, 512, new Color(0x0b3d91)));
        g.fill(new RoundRectangle2D.Double(16, 16, 480, 480, 192, 192));
        if (size >= 48) {
            g.setColor(new Color(0x9ecbff));
            g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, new float[] {22, 14}, 0));
            g.draw(new RoundRectangle2D.Double(56, 96, 176, 320, 56, 56));
            g.draw(new RoundRectangle2D.Double(280, 96, 176, 320, 56, 56));
        }
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(size >= 48 ? 18 : 28, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(144, 176, 368, 336));
        g.draw(new Line2D.Double(144, 336, 368, 176));
        for (double[] c : new double[][] {{144, 176}, {144, 336}, {368, 176}, {368, 336}}) {
            g.fill(new Ellipse2D.Double(c[0] - 40, c[1] - 40, 80, 80));
        }
        g.setColor(new Color(0xffd33d));
        g.fill(new Ellipse2D.Double(226, 226, 60, 60));
        g.setColor(new Color(0x0b3d91));
        g.setStroke(new BasicStroke(8));
        g.draw(new Ellipse2D.Double(226, 226, 60, 60));
        g.dispose();
        return img;
    }

    /** ICO holding PNG images (Windows Vista and later read them). */
    static byte[] ico(Map<Integer, byte[]> png, int... sizes) {
        int offset = 6 + 16 * sizes.length;
        ByteBuffer header = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int s : sizes) {
            byte[] data = png.get(s);
            header.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)).put((byte) 0).put((byte) 0)
                    .putShort((short) 1).putShort((short) 32).putInt(data.length).putInt(offset);
            offset += data.length;
            body.writeBytes(data);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(header.array());
        all.writeBytes(body.toByteArray());
        return all.toByteArray();
    }

    /** ICNS holding PNG images: ic07 128, ic08 256, ic09 512, ic10 1024. */
    static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(entries);
        String[][] types = {{"ic07", "128"}, {"ic08", "256"}, {"ic09", "512"}, {"ic10", "1024"}};
        for (String[] t : types) {
            byte[] data = png.get(Integer.parseInt(t[1]));
            e.writeBytes(t[0]);
            e.writeInt(8 + data.length);
            e.write(data);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(all);
        a.writeBytes("icns");
        a.writeInt(8 + entries.size());
        a.write(entries.toByteArray());
        return all.toByteArray();
    }
}
