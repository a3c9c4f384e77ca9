// The verification page: a dropped or chosen PDF is hashed here (WebCrypto SHA-256) and only the hash is sent, through
// the page's own form (GET /verify?sha256=...), so the answer is the server's, in the same words as without script.
(() => {
  const drop = document.getElementById('verify-drop');
  const file = document.getElementById('verify-file');
  const hash = document.getElementById('verify-sha256');
  const answer = document.getElementById('verify-answer');
  if (!drop || !file || !hash || !window.crypto || !window.crypto.subtle) {
    return;
  }

  drop.hidden = false;

  const check = async (chosen) => {
    if (!chosen) {
      return;
    }

    answer.textContent = 'Computing the file’s SHA-256…';
    const digest = new Uint8Array(await window.crypto.subtle.digest('SHA-256', await chosen.arrayBuffer()));
    hash.value = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    hash.form.requestSubmit();
  };

  file.addEventListener('change', () => check(file.files[0]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    check(e.dataTransfer.files[0]);
  });
  // A file dropped anywhere else on the page is checked too, rather than opened by the browser.
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    if (!drop.contains(e.target)) {
      e.preventDefault();
      check(e.dataTransfer.files[0]);
    }
  });
})();
