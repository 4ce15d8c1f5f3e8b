package dev.cnnlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Pascal VOC detection annotations (VOC2007/VOC2012 layout): {@code Annotations/<id>.xml},
 * {@code JPEGImages/<id>.jpg}, and the id lists {@code ImageSets/Main/<split>.txt}. Images are read
 * lazily, annotations at once. The XML parser refuses DOCTYPEs and external entities.
 *
 * <pre>{@code
 * List<VocImage> val = VocDetection.load(Path.of("VOCdevkit/VOC2007"), "val");
 * val.get(0).objects();     // [VocObject[name=dog, xmin=48, ...], ...]
 * val.get(0).image();       // the JPEG, read now
 * DetectionData train = VocDetection.dataset(Path.of("VOCdevkit/VOC2007"), "train", 256, 500);
 * }</pre>
 */
public final class VocDetection {
    /** The 20 VOC classes, in the usual order (index = class id). */
    public static final List<String> CLASSES = List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus",
            "car", "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant",
            "sheep", "sofa", "train", "tvmonitor");
    /** Where to get VOC2007 (the images are under the Flickr terms of use). */
    public static final String URL = "http://host.robots.ox.ac.uk/pascal/VOC/voc2007/";

    private VocDetection() {}

    /**
     * Reads every image listed in {@code ImageSets/Main/<split>.txt} under {@code vocRoot}.
     *
     * @param vocRoot e.g. {@code VOCdevkit/VOC2007}
     * @param split   {@code train}, {@code val}, {@code trainval} or {@code test}
     * @throws DatasetException if a folder, list or annotation is missing or malformed
     */
    public static List<VocImage> load(Path vocRoot, String split) {
        if (!Files.isDirectory(vocRoot)) {
            throw new DatasetException("no such directory: " + vocRoot + " — download Pascal VOC (" + URL
                    + ") and point to the folder that holds Annotations/ and JPEGImages/");
        }
        Path list = vocRoot.resolve("ImageSets/Main/" + split + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new DatasetException(list + ": no such file — unknown split '" + split
                    + "'? (VOC has train, val, trainval, test)");
        }
        List<String> ids;
        try {
            ids = Files.readAllLines(list, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.split("\\s+")[0]) // per-class lists carry a second column (1 / -1 / 0)
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(list + ": cannot read (" + e.getMessage() + ")", e);
        }
        DocumentBuilder parser = secureParser();
        List<VocImage> images = new ArrayList<>(ids.size());
        for (String id : ids) {
            images.add(readAnnotation(parser, vocRoot.resolve("Annotations/" + id + ".xml"),
                    vocRoot.resolve("JPEGImages/" + id + ".jpg"), id));
        }
        return images;
    }

    /**
     * The images of {@code split} as a detection dataset: resized to {@code size x size}, boxes scaled alike,
     * difficult objects flagged (evaluation ignores them, as VOC's does). The detector trains and evaluates on it
     * as on {@code SyntheticDetection}. {@code limit > 0} keeps the first {@code limit} images (all are decoded
     * into memory: 3 x size x size floats each).
     *
     * @throws DatasetException as {@link #load}, or if an image cannot be read
     */
    public static DetectionData dataset(Path vocRoot, String split, int size, int limit) {
        List<VocImage> images = load(vocRoot, split);
        if (limit > 0 && limit < images.size()) images = images.subList(0, limit);
        return DetectionArrays.fromVoc(images, size);
    }

    /** Reads one annotation file. */
    public static VocImage readAnnotation(Path xml, Path jpeg) {
        String file = xml.getFileName().toString();
        return readAnnotation(secureParser(), xml, jpeg, file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file);
    }

    private static VocImage readAnnotation(DocumentBuilder parser, Path xml, Path jpeg, String id) {
        String name = xml.getFileName().toString();
        if (!Files.isRegularFile(xml)) throw new DatasetException(xml + ": no such file (annotation of image " + id + ")");
        Document doc;
        try {
            doc = parser.parse(xml.toFile());
        } catch (SAXException e) {
            throw new DatasetException(name + ": malformed XML (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(xml + ": cannot read (" + e.getMessage() + ")", e);
        }
        Element root = doc.getDocumentElement();
        if (!"annotation".equals(root.getTagName())) {
            throw new DatasetException(name + ": root element is <" + root.getTagName() + ">, expected <annotation>");
        }
        Element size = child(root, "size", name);
        int width = intOf(size, "width", name), height = intOf(size, "height", name);
        List<VocObject> objects = new ArrayList<>();
        NodeList nodes = root.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals("object")) {
                objects.add(object(e, name, objects.size()));
            }
        }
        return new VocImage(id, width, height, objects, jpeg);
    }

    private static VocObject object(Element e, String file, int index) {
        String where = file + ": object " + index;
        String cls = text(e, "name", where);
        int classIndex = CLASSES.indexOf(cls);
        if (classIndex < 0) throw new DatasetException(where + ": unknown class '" + cls + "' (not one of the 20 VOC classes)");
        Element box = child(e, "bndbox", where);
        int xmin = intOf(box, "xmin", where), ymin = intOf(box, "ymin", where);
        int xmax = intOf(box, "xmax", where), ymax = intOf(box, "ymax", where);
        if (xmax < xmin || ymax < ymin) {
            throw new DatasetException(where + " (" + cls + "): box xmin=" + xmin + " ymin=" + ymin + " xmax=" + xmax
                    + " ymax=" + ymax + " has xmax < xmin or ymax < ymin");
        }
        return new VocObject(cls, classIndex, xmin, ymin, xmax, ymax, flag(e, "difficult", where), flag(e, "truncated", where));
    }

    private static Element child(Element parent, String tag, String where) {
        Element el = optionalChild(parent, tag);
        if (el == null) throw new DatasetException(where + ": missing <" + tag + "> in <" + parent.getTagName() + ">");
        return el;
    }

    private static Element optionalChild(Element parent, String tag) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element el && el.getTagName().equals(tag)) return el;
        }
        return null;
    }

    private static String text(Element parent, String tag, String where) {
        return child(parent, tag, where).getTextContent().strip();
    }

    private static int intOf(Element parent, String tag, String where) {
        String s = text(parent, tag, where);
        try {
            // some VOC-style tools write "273.0"; round to the nearest pixel
            return (int) Math.round(Double.parseDouble(s));
        } catch (NumberFormatException ex) {
            throw new DatasetException(where + ": <" + tag + "> is '" + s + "', expected a number", ex);
        }
    }

    private static boolean flag(Element parent, String tag, String where) {
        Element el = optionalChild(parent, tag);
        if (el == null) return false; // optional in VOC; absent means 0
        String s = el.getTextContent().strip();
        return switch (s) {
            case "0", "" -> false;
            case "1" -> true;
            default -> throw new DatasetException(where + ": <" + tag + "> is '" + s + "', expected 0 or 1");
        };
    }

    /** A DOM parser with DOCTYPEs, external entities and XInclude turned off (no XXE). */
    static DocumentBuilder secureParser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() { // no "[Fatal Error]" lines on stderr: errors arrive as exceptions
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a security feature", e);
        }
    }
}
