"""Where a reply is sent and how it is checked: the channel and mode names.

Their own module because config, rules, readers, kinds and the CLI all validate
against them and none of those should import the document model to do so.
"""

from __future__ import annotations

CHANNELS = ("email", "chat", "social")  # where a reply is sent; rules may apply to some only
MODES = ("draft", "template")  # a draft about to be sent, or a template with placeholders
