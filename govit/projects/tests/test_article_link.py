"""``{% article_link %}``: the link to an article of the page's rulebook, as the former included
template printed it, and nothing for a citation without an article number."""

from __future__ import annotations

from django.template import Context, Template

from govit.policy import loader

FORMER = (
    "{% load govit_projects %}{% with number=article|article_number %}{% if number %}"
    '<a class="article-link" href="{% url \'article-detail\' rulebook.id number %}" '
    'hx-get="{% url \'article-detail\' rulebook.id number %}" hx-target="#article-panel" '
    'hx-swap="innerHTML" data-testid="article-link">{{ article }}</a>{% endif %}{% endwith %}'
)


def test_the_tag_prints_what_the_included_template_printed() -> None:
    rulebook = loader.active()
    tag = Template("{% load govit_projects %}{% article_link article %}")
    for article in ("第八条", "第十二条第二款", "《办法》第三十条", "附件", "", "<b>第八条</b>"):
        context = {"rulebook": rulebook, "article": article}
        assert tag.render(Context(context)) == Template(FORMER).render(Context(context))
    linked = tag.render(Context({"rulebook": rulebook, "article": "第八条"}))
    assert f"/{rulebook.id}/8/" in linked
    assert tag.render(Context({"rulebook": rulebook, "article": "附件"})) == ""
