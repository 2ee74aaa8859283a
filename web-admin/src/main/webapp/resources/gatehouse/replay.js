/*
 * The session page's terminal player: asciinema-player (vendored into the WAR) fed by
 * /admin/replay?id=…, the recording's asciicast with its real timing. The player's bar seeks;
 * the speed buttons re-create it at the current position. No inline script: the page's
 * Content-Security-Policy allows only scripts from the app itself.
 */
(function () {
  "use strict";
  var element = document.getElementById("player");
  if (!element || !window.AsciinemaPlayer) {
    return;
  }
  var src = element.getAttribute("data-src");
  var speed = 1;
  var playing = false;

  function create(startAt, autoPlay) {
    element.innerHTML = "";
    window.ghPlayer = AsciinemaPlayer.create(src, element, {
      fit: "width",
      speed: speed,
      startAt: startAt,
      autoPlay: autoPlay,
      preload: true,
      terminalFontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace"
    });
    window.ghPlayerSpeed = speed;
    window.ghPlayer.addEventListener("play", function () { playing = true; });
    window.ghPlayer.addEventListener("playing", function () { playing = true; });
    window.ghPlayer.addEventListener("pause", function () { playing = false; });
    window.ghPlayer.addEventListener("ended", function () { playing = false; });
  }

  create(0, false);
  var buttons = document.querySelectorAll(".gh-speed");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      var player = window.ghPlayer;
      var at = player && player.getCurrentTime ? player.getCurrentTime() : 0;
      var resume = playing;
      speed = parseFloat(button.getAttribute("data-speed"));
      Array.prototype.forEach.call(buttons, function (b) {
        b.classList.toggle("gh-speed-on", b === button);
      });
      Promise.resolve(at).then(function (time) {
        if (player && player.dispose) {
          player.dispose();
        }
        create(time || 0, resume);
      });
    });
  });
})();
