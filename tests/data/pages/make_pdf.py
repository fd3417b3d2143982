"""Generate the two PDF pages of the ingestion test corpus.

Run with a Python that has fpdf2 installed, e.g.:
    python3 -m venv /tmp/pdfvenv && /tmp/pdfvenv/bin/pip install fpdf2
    /tmp/pdfvenv/bin/python tests/data/pages/make_pdf.py

Writes (next to this script):
    corpus/fenland_review_peat.pdf       a real two-page PDF with a text layer
    corpus/lintwell_otters_pdf_bytes.txt PDF bytes saved with a .txt extension

All people, places and outlets are invented. The body text below is the
source of truth for expected.json ("body" = every sentence of "paragraphs",
in order; the header, byline, date line and page footer are furniture).
"""
import datetime
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")

DOCS = [
    {
        "file": "fenland_review_peat.pdf",
        "running_header": "Fenland Science Review | Spring 2025",
        "title": "Rewetted peat fields cut carbon losses within two years",
        "byline": "By Harriet Quayle and Samir Haddad",
        "authors": ["Harriet Quayle", "Samir Haddad"],
        "date_line": "16 May 2025",
        "date": datetime.datetime(2025, 5, 16, 9, 0, tzinfo=datetime.timezone.utc),
        "footer_site": "fenlandsciencereview.example",
        # None in a paragraph list = start a new page before the next paragraph
        "paragraphs": [
            ["Farmland on drained peat soils stopped losing carbon within two years of being rewetted, according to measurements from a trial on the edge of the Wellmere Fen."],
            ["Peat is made of plant remains that have built up under waterlogged conditions over thousands of years.",
             "When it is drained for farming, the peat dries out and breaks down, releasing carbon dioxide and causing the land surface to sink."],
            ["In the trial, researchers raised the water table on three fields to within 10 centimetres of the surface and planted them with reed canary grass and bulrushes.",
             "Three neighbouring fields were kept drained and used for vegetables as before."],
            ["Towers fitted with gas sensors measured the exchange of carbon dioxide between the fields and the air every half hour.",
             "The drained fields lost the equivalent of about 30 tonnes of carbon dioxide per hectare each year.",
             "By the second year, the rewetted fields were taking up a small amount of carbon overall."],
            None,
            ["Methane, a powerful greenhouse gas, rose on the wet fields as expected.",
             "Even after allowing for that, the rewetted fields had a much smaller climate impact than the drained ones."],
            ["\"The speed of the change surprised us,\" said hydrologist Agnes Thorburn, who leads the project.",
             "\"We expected it to take five years or more before the fields settled down.\""],
            ["The harder question is what farmers can earn from wet land.",
             "The project is testing whether the reeds and bulrushes can be sold as building insulation, packaging material or fuel.",
             "A local builder has already used panels made from the trial's bulrushes in two houses."],
            ["Farmers in the area remain cautious.",
             "Grower Neil Ashdown, who rents one of the trial fields to the project, said the land had produced carrots and celery for three generations of his family.",
             "\"If there is a living in wet farming, people will do it, but nobody can pay the rent on good intentions,\" he said."],
            ["The team will publish its full results later this year and is seeking funding to extend the trial to 200 hectares."],
        ],
    },
    {
        "file": "lintwell_otters_pdf_bytes.txt",
        "running_header": "Lintwell Valley Naturalist - Winter Bulletin",
        "title": "Otters return to the Lintwell as water quality improves",
        "byline": "By Nell Garside",
        "authors": ["Nell Garside"],
        "date_line": "3 February 2025",
        "date": datetime.datetime(2025, 2, 3, 9, 0, tzinfo=datetime.timezone.utc),
        "footer_site": "lintwellnaturalist.example/bulletin",
        "paragraphs": [
            ["Otters have been recorded along the whole length of the River Lintwell for the first time since surveys began in 1978, according to the annual survey by the Lintwell Valley Naturalists' Society."],
            ["Volunteers checked 64 sites between the river's source at Cold Harbour Moss and the estuary at Saltcote.",
             "They found otter droppings, footprints or feeding remains at 51 of them, up from 29 five years ago."],
            ["Survey organiser Maeve Dunstable said the spread of otters reflected cleaner water and more fish.",
             "Three sewage works upstream were upgraded between 2019 and 2022, and phosphate levels in the river have fallen by about half since then."],
            ["The survey also found evidence of otters breeding at two sites, including a holt beneath the roots of an alder on a farm near Brigstead.",
             "The landowner has agreed to fence off a strip of riverbank to keep cattle away from the holt."],
            ["Not all the news was good.",
             "Volunteers found two otters killed on the road bridge at Saltcote, where the animals leave the river to cross the road.",
             "The society has asked the highways authority to install an otter ledge, a dry shelf along the riverbank, beneath the bridge."],
            ["Dunstable thanked the 80 volunteers who took part and said the society would repeat the survey next winter.",
             "New volunteers are welcome and will be given training in recognising otter signs."],
        ],
    },
]


class Page(FPDF):
    def __init__(self, doc):
        super().__init__(format="A4")
        self.doc = doc

    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, self.doc["running_header"], new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, "%s    Page %d of {nb}" % (self.doc["footer_site"], self.page_no()), align="C")


def build(doc):
    pdf = Page(doc)
    pdf.set_title(doc["title"])
    pdf.set_author(", ".join(doc["authors"]))
    pdf.set_creator("make_pdf.py (citebot test corpus)")
    pdf.set_creation_date(doc["date"])
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, doc["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, doc["byline"], new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, doc["date_line"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Times", "", 12)
    for para in doc["paragraphs"]:
        if para is None:
            pdf.add_page()
            continue
        pdf.multi_cell(0, 6, " ".join(para), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(os.path.join(OUT, doc["file"]))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for d in DOCS:
        build(d)
        print("wrote", os.path.join(OUT, d["file"]))
