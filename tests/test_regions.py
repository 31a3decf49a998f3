"""split_regions: greeting, body, sign-off, signature and quoted history of a reply."""

from __future__ import annotations

from replylint.regions import Regions, split_regions


def part(text: str, regions: Regions, name: str) -> str | None:
    span = getattr(regions, name)
    return None if span is None else text[span[0] : span[1]]


def quoted(text: str, regions: Regions) -> list[str]:
    return [text[s:e] for s, e in regions.quoted]


BASIC = "Hi Sarah,\n\nThanks for writing in.\n\nBest,\nAna"


def test_regions_greeting_addressee_body_signoff() -> None:
    r = split_regions(BASIC)
    assert part(BASIC, r, "greeting") == "Hi Sarah,"
    assert part(BASIC, r, "addressee") == "Sarah"
    assert part(BASIC, r, "body") == "Thanks for writing in."
    assert part(BASIC, r, "signoff") == "Best,\nAna"
    assert part(BASIC, r, "signoff_name") == "Ana"
    assert r.signature is None
    assert r.quoted == ()


def test_regions_multiword_greeting_and_title() -> None:
    text = "Good morning Ms Raman,\n\nYour card is on its way.\n\nKind regards,\nAna Lima"
    r = split_regions(text)
    assert part(text, r, "greeting") == "Good morning Ms Raman,"
    assert part(text, r, "addressee") == "Ms Raman"
    assert part(text, r, "signoff") == "Kind regards,\nAna Lima"
    assert part(text, r, "signoff_name") == "Ana Lima"


def test_regions_greeting_followed_by_text_on_the_same_line() -> None:
    text = "Hi Mike, thanks for your patience.\n\nBest,\nAna"
    r = split_regions(text)
    assert part(text, r, "greeting") == "Hi Mike,"
    assert part(text, r, "body") == "thanks for your patience."


def test_regions_dash_signature_block() -> None:
    text = BASIC + "\n\n-- \nAna Lima\nAcme\nPhone: +1 555 010 2000"
    r = split_regions(text)
    assert part(text, r, "signoff") == "Best,\nAna"
    assert part(text, r, "signature") == "-- \nAna Lima\nAcme\nPhone: +1 555 010 2000"
    assert part(text, r, "body") == "Thanks for writing in."


def test_regions_contact_block_after_name_is_signature() -> None:
    text = (
        "Hi Sarah,\n\nThanks for writing in.\n\nBest,\nAna Lima\n"
        "Acme Support | +1 555 010 2000 | https://acme.example"
    )
    r = split_regions(text)
    assert part(text, r, "signoff_name") == "Ana Lima"
    assert part(text, r, "signature") == "Acme Support | +1 555 010 2000 | https://acme.example"


def test_regions_name_with_pipe_team_is_the_signoff_name() -> None:
    text = "Hi Sarah,\n\nThe order shipped.\n\nBest,\nAna | Acme"
    r = split_regions(text)
    assert part(text, r, "signoff_name") == "Ana | Acme"


def test_regions_angle_quoted_lines() -> None:
    text = BASIC + "\n\n> i cant find the the order\n> please help"
    r = split_regions(text)
    assert quoted(text, r) == ["> i cant find the the order", "> please help"]
    assert part(text, r, "signoff") == "Best,\nAna"


def test_regions_on_wrote_header_quotes_the_rest() -> None:
    text = BASIC + "\n\nOn Mon, 3 Mar 2025, Sarah <s@x.example> wrote:\nrecieve the the\n"
    r = split_regions(text)
    assert quoted(text, r) == ["On Mon, 3 Mar 2025, Sarah <s@x.example> wrote:\nrecieve the the\n"]
    assert r.quoted[0][1] == len(text)


def test_regions_on_wrote_header_wrapped_over_two_lines() -> None:
    header = "On Mon, 3 Mar 2025 at 10:14, Sarah Jones\n<sarah@example.com> wrote:\n"
    text = BASIC + "\n\n" + header + "> old text\n"
    r = split_regions(text)
    assert r.quoted == ((text.index("On Mon"), len(text)),)
    assert part(text, r, "signoff") == "Best,\nAna"


def test_regions_original_message_separator() -> None:
    text = BASIC + "\n\n-----Original Message-----\nFrom: Sarah\nSent: Monday\nSubject: x\n\nthe the"
    r = split_regions(text)
    assert r.quoted == ((text.index("-----Original"), len(text)),)


def test_regions_outlook_from_sent_headers() -> None:
    text = (
        BASIC + "\n\nFrom: Sarah Jones <s@x.example>\nSent: Monday, 3 March 2025 10:14\n"
        "To: Support\nSubject: Order\n\nold text"
    )
    r = split_regions(text)
    assert r.quoted == ((text.index("From:"), len(text)),)
    assert part(text, r, "body") == "Thanks for writing in."


def test_regions_from_line_alone_in_body_is_not_quoted() -> None:
    text = "Hi Sarah,\n\nFrom: the warehouse, your parcel left today.\n\nBest,\nAna"
    r = split_regions(text)
    assert r.quoted == ()


def test_regions_social_handle_is_not_the_greeting() -> None:
    text = "@mike_r88 Hi Mike, thanks for your patience.\n\nBest,\nAna"
    r = split_regions(text)
    assert part(text, r, "greeting") == "Hi Mike,"
    assert part(text, r, "addressee") == "Mike"
    assert r.greeting[0] == len("@mike_r88 ")


def test_regions_no_greeting() -> None:
    text = "Thanks for your message. We refunded the order.\n\nBest,\nAna"
    r = split_regions(text)
    assert r.greeting is None
    assert r.addressee is None
    assert part(text, r, "body") == "Thanks for your message. We refunded the order."


def test_regions_greeting_without_name() -> None:
    text = "Hello,\n\nThe order shipped today.\n\nBest,\nAna"
    r = split_regions(text)
    assert part(text, r, "greeting") == "Hello,"
    assert r.addressee is None


def test_regions_inline_signoff_thanks_name() -> None:
    text = "Hi Sarah,\n\nThe order shipped today.\n\nThanks, Ana"
    r = split_regions(text)
    assert part(text, r, "signoff") == "Thanks, Ana"
    assert part(text, r, "signoff_name") == "Ana"
    assert part(text, r, "body") == "The order shipped today."


def test_regions_body_sentence_starting_with_thanks_is_not_a_signoff() -> None:
    text = "Hi Sarah,\n\nThanks. We refunded the order."
    r = split_regions(text)
    assert r.signoff is None
    assert "We refunded the order." in part(text, r, "body")


def test_regions_name_only_last_line_is_the_signoff() -> None:
    text = "Hello,\n\nThe order shipped today.\n\nThe Support Team"
    r = split_regions(text)
    assert part(text, r, "signoff") == "The Support Team"
    assert part(text, r, "signoff_name") == "The Support Team"
    assert part(text, r, "body") == "The order shipped today."


def test_regions_dash_name_signoff() -> None:
    text = "@sarah_k Hi Sarah, thanks for the heads-up! We're on it.\n- Ana"
    r = split_regions(text)
    assert part(text, r, "signoff") == "- Ana"
    assert part(text, r, "signoff_name") == "Ana"


def test_regions_no_signoff() -> None:
    text = "Hi Sarah,\n\nThe order shipped today. It should arrive on Friday."
    r = split_regions(text)
    assert r.signoff is None
    assert part(text, r, "body") == "The order shipped today. It should arrive on Friday."


def test_regions_name_at_and_spans() -> None:
    text = BASIC + "\n\n> quoted"
    r = split_regions(text)
    assert r.name_at(0) == "greeting"
    assert r.name_at(text.index("Thanks")) == "body"
    assert r.name_at(text.index("Ana")) == "signoff"
    assert r.name_at(text.index("> quoted")) == "quoted"
    assert r.spans(("signoff", "greeting")) == sorted([r.greeting, r.signoff])


def test_regions_social_signoffs_at_the_end_of_the_line() -> None:
    cases = {
        "@sam Sorry about that, the refund left today. -Maya": ("-Maya", "Maya"),
        "@sam Any luck with the reset? ~ Ken": ("~ Ken", "Ken"),
        "@sam Here's the guide: https://example.com/x *LeoGarcia": ("*LeoGarcia", "LeoGarcia"),
        "@sam We sent the code again. Thanks - Omar": ("Thanks - Omar", "Omar"),
        "@sam All set now. Thank you!-Nick": ("Thank you!-Nick", "Nick"),
        "@sam It's fixed now ^RB #status": ("^RB", "RB"),
        "@sam We're on it /FR https://example.com/dm": ("/FR", "FR"),
    }
    for text, (signoff, name) in cases.items():
        regions = split_regions(text)
        assert (part(text, regions, "signoff"), part(text, regions, "signoff_name")) == (signoff, name), text
        assert not part(text, regions, "body").rstrip().endswith(signoff), text


def test_regions_a_spaced_dash_mid_sentence_is_not_a_signoff() -> None:
    text = "@sam Our desk is open Monday - Friday"
    assert split_regions(text).signoff is None
    assert split_regions("@sam We fixed the state-of-the-art bug").signoff is None


def test_regions_signature_block_without_a_closing() -> None:
    text = "Hi,\n\nPlease cancel one licence.\n\nVara Okafor\nSenior Analyst, Payments & Risk\nwww.example.com\n\nThis e-mail is confidential.\n\nInternal"
    regions = split_regions(text)
    assert part(text, regions, "signoff_name") == "Vara Okafor"


def test_regions_greeting_name_after_a_comma_and_before_a_sentence() -> None:
    text = "Hi, Shauna! We replied by e-mail."
    assert part(text, split_regions(text), "addressee") == "Shauna"
    text = "Hello @48213 I would like to help you with this."
    regions = split_regions(text)
    assert part(text, regions, "addressee") == "@48213"
    assert part(text, regions, "body").startswith("I would like")
