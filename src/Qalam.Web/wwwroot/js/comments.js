// Reply in place: clicking "Reply" moves the one comment form under that comment instead of reloading the page
// with ?replyTo= (which still works without JavaScript). The server fills in the same parent field either way.
(() => {
  const form = document.getElementById('comment-form');
  if (!form) {
    return;
  }
  const home = document.createComment('comment form');
  form.before(home);
  const parent = form.querySelector('input[name="Form.ParentId"]');
  const replying = form.querySelector('.replying');
  const text = replying.querySelector('.replying-text');
  const body = form.querySelector('textarea');

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a.reply-link');
    if (!link) {
      return;
    }
    event.preventDefault();
    const comment = link.closest('li.comment');
    comment.querySelector(':scope > .comment-actions').after(form);
    parent.value = link.dataset.replyTo;
    text.textContent = text.dataset.template.replace('{name}', link.dataset.author);
    replying.hidden = false;
    body.focus();
  });

  replying.querySelector('.cancel-reply').addEventListener('click', (event) => {
    event.preventDefault();
    home.after(form);
    parent.value = '';
    replying.hidden = true;
    body.focus();
  });
})();
