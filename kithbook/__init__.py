"""kithbook: a personal network journal. Plain files in git become a private site of
relationship timelines and an explained list of whom to meet next."""

__version__ = "0.1.0"
