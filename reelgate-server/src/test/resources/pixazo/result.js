const url = 'https://gateway.pixazo.ai/sora-video/v1/video/result';
const headers = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-cache',
  'Ocp-Apim-Subscription-Key': 'YOUR_SUBSCRIPTION_KEY'
};
const body = {
  video_id: 'video_68e4ff15fd8c8193ae7c27ca15812XXXXXXXXXXXXXXXXXXX'
};

fetch(url, {
  method: 'POST',
  headers: headers,
  body: JSON.stringify(body)
})
.then(response => response.json())
.then(data => console.log(data))
.catch(error => console.error('Error:', error));
