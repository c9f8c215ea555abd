package org.casebook.report.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;


import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.casebook.report.figure.Figure;
import org.casebook.report.figure.FigureFiles;
import org.casebook.report.table.ReportTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDocDefaults;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSpacing;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

/**
 * The report's tables as a Word document (Apache POI XWPF), as journals take them: one table per
 * section, the title above, footnotes under it; real Word tables (no tabs, no images), three
 * horizontal rules (above and below the header, at the bottom) and no vertical lines; the header
 * row repeated on every page; a table wider than five columns on a landscape page. Cells hold the
 * report's text exactly (the same {@link ReportTable} as the HTML, PDF, CSV and xlsx); a grouped
 * table prints its group once, as on the report page.
 */
public final class DocxTables
{
    /** A4 in twentieths of a point. */
    private static final long A4_SHORT = 11906;
    private static final long A4_LONG = 16838;
    private static final long MARGIN = 1134; // 2 cm
    private static final int BODY_HALF_POINTS = 18; // 9 pt
    private static final int NOTE_HALF_POINTS = 16; // 8 pt
    private static final int WIDE_COLUMNS = 5;
    /** Titles a little larger than the cells. */
    private static final int TITLE_HALF_POINTS = 20;

    private DocxTables() {}

    public static void write(List<ReportTable> tables, OutputStream out)
            throws IOException
    {
        write(tables, Map.of(), out);
    }

    /**
     * The tables, each followed by the figure {@code figuresAfter} gives for its id, as a 300-dpi
     * picture at its print size with its caption (the flow diagram after the screening-flow table).
     */
    public static void write(List<ReportTable> tables, Map<String, Figure> figuresAfter, OutputStream out)
            throws IOException
    {
        try (XWPFDocument document = new XWPFDocument()) {
            defaults(document);
            for (int i = 0; i < tables.size(); i++) {
                ReportTable table = tables.get(i);
                boolean last = i == tables.size() - 1;
                addTable(document, table);
                if (figuresAfter.containsKey(table.id())) {
                    addFigure(document, figuresAfter.get(table.id()));
                }
                boolean landscape = table.columns().size() > WIDE_COLUMNS;
                if (last) {
                    CTSectPr body = document.getDocument().getBody().isSetSectPr()
                            ? document.getDocument().getBody().getSectPr()
                            : document.getDocument().getBody().addNewSectPr();
                    page(body, landscape);
                }
                else {
                    // a section ends with the paragraph that carries its properties
                    XWPFParagraph end = document.createParagraph();
                    page(end.getCTP().addNewPPr().addNewSectPr(), landscape);
                }
            }
            document.write(out);
        }
    }

    private static void addTable(XWPFDocument document, ReportTable table)
    {
        XWPFParagraph title = document.createParagraph();
        title.setSpacingAfter(80);
        text(title, table.title(), true, TITLE_HALF_POINTS);
        XWPFTable word = document.createTable(table.rows().size() + 1, table.columns().size());
        word.setTableAlignment(TableRowAlign.LEFT);
        word.setWidth("100%");
        rules(word);
        XWPFTableRow header = word.getRow(0);
        header.setRepeatHeader(true);
        header.setCantSplitRow(true);
        for (int column = 0; column < table.columns().size(); column++) {
            cell(header.getCell(column), table.columns().get(column), true);
            border(header.getCell(column), true);
        }
        String previousGroup = null;
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> cells = table.rows().get(r);
            XWPFTableRow row = word.getRow(r + 1);
            row.setCantSplitRow(true);
            boolean groupStart = !table.grouped() || !cells.get(0).equals(previousGroup);
            for (int column = 0; column < cells.size(); column++) {
                String value = table.grouped() && column == 0 && !groupStart ? "" : cells.get(column);
                cell(row.getCell(column), value, table.grouped() && column == 0);
            }
            previousGroup = cells.get(0);
        }
        for (String note : table.notes()) {
            XWPFParagraph paragraph = document.createParagraph();
            paragraph.setSpacingAfter(0);
            text(paragraph, note, false, NOTE_HALF_POINTS);
        }
    }

    private static void addFigure(XWPFDocument document, Figure figure)
            throws IOException
    {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        FigureFiles.png(figure, png);
        FigureFiles.PrintSize size = FigureFiles.printSize(figure);
        XWPFParagraph picture = document.createParagraph();
        picture.setSpacingBefore(240);
        picture.setKeepNext(true);
        try {
            picture.createRun().addPicture(new ByteArrayInputStream(png.toByteArray()), Document.PICTURE_TYPE_PNG, figure.id() + ".png",
                    Units.toEMU(size.widthMm() / 25.4 * 72), Units.toEMU(size.heightMm() / 25.4 * 72));
        }
        catch (InvalidFormatException e) {
            throw new IllegalStateException("PNG refused by POI: " + figure.id(), e);
        }
        text(document.createParagraph(), figure.caption(), false, NOTE_HALF_POINTS);
    }

    /** Top and bottom rules on the table, none inside; the header's bottom rule is on its cells. */
    private static void rules(XWPFTable table)
    {
        CTTblBorders borders = table.getCTTbl().getTblPr().isSetTblBorders()
                ? table.getCTTbl().getTblPr().getTblBorders()
                : table.getCTTbl().getTblPr().addNewTblBorders();
        line(borders.isSetTop() ? borders.getTop() : borders.addNewTop(), STBorder.SINGLE, 12);
        line(borders.isSetBottom() ? borders.getBottom() : borders.addNewBottom(), STBorder.SINGLE, 12);
        line(borders.isSetLeft() ? borders.getLeft() : borders.addNewLeft(), STBorder.NONE, 0);
        line(borders.isSetRight() ? borders.getRight() : borders.addNewRight(), STBorder.NONE, 0);
        line(borders.isSetInsideH() ? borders.getInsideH() : borders.addNewInsideH(), STBorder.NONE, 0);
        line(borders.isSetInsideV() ? borders.getInsideV() : borders.addNewInsideV(), STBorder.NONE, 0);
    }

    private static void border(XWPFTableCell cell, boolean bottom)
    {
        var properties = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
        var borders = properties.isSetTcBorders() ? properties.getTcBorders() : properties.addNewTcBorders();
        if (bottom) {
            line(borders.addNewBottom(), STBorder.SINGLE, 6);
        }
    }

    private static void line(CTBorder border, STBorder.Enum style, int eighthsOfPoint)
    {
        border.setVal(style);
        if (eighthsOfPoint > 0) {
            border.setSz(BigInteger.valueOf(eighthsOfPoint));
            border.setColor("000000");
        }
    }

    /**
     * The document's defaults: Arial 9 pt, no space after a paragraph, so that the many cells of a
     * large table carry no run or paragraph properties of their own (a 500-patient Table 2 has
     * 10,000 cells, each an XML object).
     */
    private static void defaults(XWPFDocument document)
    {
        CTStyles styles = CTStyles.Factory.newInstance();
        CTDocDefaults defaults = styles.addNewDocDefaults();
        CTRPr run = defaults.addNewRPrDefault().addNewRPr();
        CTFonts fonts = run.addNewRFonts();
        fonts.setAscii("Arial");
        fonts.setHAnsi("Arial");
        fonts.setCs("Arial");
        run.addNewSz().setVal(BigInteger.valueOf(BODY_HALF_POINTS));
        run.addNewSzCs().setVal(BigInteger.valueOf(BODY_HALF_POINTS));
        CTSpacing spacing = defaults.addNewPPrDefault().addNewPPr().addNewSpacing();
        spacing.setAfter(BigInteger.ZERO);
        spacing.setBefore(BigInteger.ZERO);
        document.createStyles().setStyles(styles);
    }

    private static void cell(XWPFTableCell cell, String value, boolean bold)
    {
        XWPFRun run = cell.getParagraphs().get(0).createRun();
        run.setText(value);
        if (bold) {
            run.setBold(true);
        }
    }

    /** A paragraph outside the tables (title, note) in its own size. */
    private static void text(XWPFParagraph paragraph, String value, boolean bold, int halfPoints)
    {
        XWPFRun run = paragraph.createRun();
        run.setText(value);
        run.setBold(bold);
        if (halfPoints != BODY_HALF_POINTS) {
            run.setFontSize(halfPoints / 2.0);
        }
    }

    private static void page(CTSectPr section, boolean landscape)
    {
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        if (landscape) {
            size.setOrient(STPageOrientation.LANDSCAPE);
            size.setW(BigInteger.valueOf(A4_LONG));
            size.setH(BigInteger.valueOf(A4_SHORT));
        }
        else {
            size.setOrient(STPageOrientation.PORTRAIT);
            size.setW(BigInteger.valueOf(A4_SHORT));
            size.setH(BigInteger.valueOf(A4_LONG));
        }
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        BigInteger margin = BigInteger.valueOf(MARGIN);
        margins.setTop(margin);
        margins.setBottom(margin);
        margins.setLeft(margin);
        margins.setRight(margin);
    }
}
