// A hit's article text and a story's other versions, opened under the hit on demand.

// Opens or closes the list of a story's other articles (GET /api/stories/{id}), each a title
// that opens its text as a hit's does, with its date and source.
async function toggleVersions(storyId, hitId, box, btn, label, position) {
  const opening = box.hidden;
  box.hidden = !opening;
  btn.setAttribute('aria-expanded', String(opening));
  btn.textContent = opening ? 'Hide other versions' : label;
  if (!opening || box.dataset.loaded) return;
  box.dataset.loaded = '1';
  box.replaceChildren(el('p', { class: 'byline', text: 'Loading the other versions…' }));
  try {
    const story = await getJson('/api/stories/' + encodeURIComponent(storyId));
    const all = Array.isArray(story.articles) ? story.articles : [];
    const others = all.filter((a) => a && String(a.id) !== hitId);
    const items = others.map((a, i) => renderVersion(a, `version-${position}-${i}`));
    const parts = [el('ol', { 'aria-label': 'Other versions of this story' }, ...items)];
    const unlisted = Number(story.size) - all.length;
    if (unlisted > 0) parts.push(el('p', { class: 'byline', text: `${fmtInt(unlisted)} more not listed.` }));
    if (!items.length) parts.push(el('p', { class: 'byline', text: 'No other versions are left in the archive.' }));
    box.replaceChildren(...parts);
  } catch (e) {
    delete box.dataset.loaded;
    box.replaceChildren(el('p', { class: 'byline', text: `The other versions could not be loaded: ${e.message}` }));
  }
}

function renderVersion(a, readerId) {
  const id = String(a.id);
  const title = a.title && String(a.title).trim() ? String(a.title) : '(untitled)';
  const open = el('button', { type: 'button', class: 'linklike', 'aria-expanded': 'false', 'aria-controls': readerId, text: title });
  const meta = el('div', { class: 'meta' });
  if (a.date) meta.append(el('time', { datetime: String(a.date).slice(0, 10), text: fmtDate(String(a.date)) }));
  else meta.append(el('span', { text: 'Undated' }));
  if (a.source) meta.append(el('span', { class: 'source', text: String(a.source) }));
  const reader = el('div', { class: 'reader', id: readerId, hidden: true });
  open.addEventListener('click', () => toggleReader(id, reader, [open], null, null));
  return el('li', { class: 'version', 'data-id': id }, meta, open, reader);
}

// Opens or closes an article's text under its title (GET /api/documents/{id}); `buttons` all
// control `reader`; `readBtn`, when given, is relabelled; `url` is the original when the
// stored article has none.
async function toggleReader(id, reader, buttons, readBtn, url) {
  const opening = reader.hidden;
  reader.hidden = !opening;
  for (const b of buttons) b.setAttribute('aria-expanded', String(opening));
  if (readBtn) readBtn.textContent = opening ? 'Close article' : 'Read article';
  if (!opening || reader.dataset.loaded) return;
  reader.dataset.loaded = '1';
  reader.replaceChildren(el('p', { class: 'byline', text: 'Loading the article…' }));
  try {
    const doc = await getJson('/api/documents/' + encodeURIComponent(id));
    const by = [doc.author ? `By ${doc.author}` : null, doc.source, doc.date ? fmtDate(String(doc.date)) : null]
      .filter(Boolean).join(' · ');
    const parts = [];
    if (by) parts.push(el('p', { class: 'byline', text: by }));
    const body = typeof doc.body === 'string' ? doc.body : '';
    // Paragraphs: a blank line, or a line that starts indented (wire copy wraps its lines
    // and indents each paragraph's first); other line breaks are wrapping.
    for (const para of body.split(/\n\s*\n|\n(?=[ \t])/)) {
      const t = para.replace(/\s*\n\s*/g, ' ').trim();
      if (t) parts.push(el('p', { text: t }));
    }
    if (!body.trim()) parts.push(el('p', { class: 'byline', text: 'This article has no text beyond its title.' }));
    const docUrl = safeUrl(doc.url) || url;
    if (docUrl) parts.push(el('p', null, el('a', { href: docUrl, rel: 'noopener noreferrer', target: '_blank', text: 'Open the original' })));
    reader.replaceChildren(...parts);
  } catch (e) {
    delete reader.dataset.loaded;
    reader.replaceChildren(el('p', { class: 'byline', text: `The article could not be loaded: ${e.message}` }));
  }
}
