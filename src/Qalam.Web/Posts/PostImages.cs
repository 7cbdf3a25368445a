namespace Qalam.Posts;

// Gives the images a post's rendered HTML shows from the blog's own media their size and resized copies (width,
// height, srcset, sizes, lazy loading), at save time. Media implements it; Posts only asks, so it knows nothing of
// how images are stored.
public interface IPostImages
{
    Task<string> DecorateAsync(int blogId, string html, CancellationToken cancellationToken);

    // The blog's own image of that id as a featured image, or null when the blog has no such image (another blog's id
    // included).
    Task<FeaturedImage?> FeaturedAsync(int blogId, int mediaId, CancellationToken cancellationToken);
}
