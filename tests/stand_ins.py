"""Stand-ins for models too large to load in every test."""

from cleanwire.models.transformer import TransformerModel


class SentenceJudge(TransformerModel):
    """A stand-in transformer: likes sentences holding ``liked``, by ``by`` log10; remembers what it read."""

    name = "judge"

    def __init__(self, liked: str, by: float) -> None:
        self.liked, self.by, self.read, self._remembered = liked, by, [], {}

    def _log10_prob(self, text: str) -> float:
        self.read.append(text)
        return -10.0 + (self.by if self.liked in text.split() else 0.0)
