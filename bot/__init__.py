"""article-bot: answers questions about one news article, citing the sentence each answer rests on."""

__version__ = "0.1.0"
